import { dayOf } from '../calendar.ts';
import type { Delivery } from './delivery-types.ts';
import { isOpenStatus } from './delivery-types.ts';
import { instantMs } from './instant.ts';

/**
 * Counter increments of one grid on one day, as flat attribute names, like the scan counters, so
 * one counter writer (`ADD name :n`) serves both:
 *
 * - `requested`: deliveries requested that day (on the day of `requestedAt`).
 * - `delivered`, `failed`, `cancelled`: deliveries that ended that way that day. `failed` counts
 *   final failures only; a failure that sent the delivery back to the queue counts nothing.
 * - `minutes.<m>`: deliveries handed over that day that took `m` whole minutes from request to
 *   hand-over. A 1-minute histogram rather than a list of durations: it merges by plain addition
 *   (any number of batches, in any order, redelivered partial sums included), stays small (one
 *   name per distinct minute, not per delivery), and gives the median exactly, because
 *   minutes-to-deliver is defined in whole minutes (rounded down).
 *
 * `open` is not a daily flow but a level: see {@link cumulativeOpen} and {@link countOpenAtEndOf}.
 * Counts may be negative in a delta (a correction); a merged day never is.
 */
export interface DeliveryCountDelta {
  readonly gridId: string;
  readonly day: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** What the counters read of a delivery. */
export type CountedDelivery = Pick<Delivery, 'gridId' | 'requestedAt' | 'status' | 'history'>;

const minutesPrefix = 'minutes.';

/** Whole minutes from request to hand-over, never negative (a phone's clock may run behind); null if unreadable. */
export function minutesToDeliver(requestedAt: string, deliveredAt: string): number | null {
  const ms = instantMs(deliveredAt) - instantMs(requestedAt);
  return Number.isNaN(ms) ? null : Math.max(0, Math.floor(ms / 60_000));
}

/** When a delivery ended: the `at` of the last history entry in its final status, or null while it is open. */
function endedAt(delivery: CountedDelivery): string | null {
  if (isOpenStatus(delivery.status)) return null;
  for (let i = delivery.history.length - 1; i >= 0; i--) {
    const e = delivery.history[i]!;
    if (e.status === delivery.status) return e.at;
  }
  return null;
}

function add(into: Map<string, { gridId: string; day: string; counts: Record<string, number> }>, gridId: string, day: string, name: string, n: number): void {
  const key = `${gridId}|${day}`;
  let delta = into.get(key);
  if (!delta) into.set(key, (delta = { gridId, day, counts: {} }));
  delta.counts[name] = (delta.counts[name] ?? 0) + n;
}

function settled(byKey: Map<string, { gridId: string; day: string; counts: Record<string, number> }>): DeliveryCountDelta[] {
  const out: DeliveryCountDelta[] = [];
  for (const delta of byKey.values()) {
    for (const [name, n] of Object.entries(delta.counts)) if (n === 0) delete delta.counts[name];
    if (Object.keys(delta.counts).length > 0) out.push(delta);
  }
  return out;
}

function countInto(into: Map<string, { gridId: string; day: string; counts: Record<string, number> }>, delivery: CountedDelivery, timeZone: string, sign: 1 | -1): void {
  add(into, delivery.gridId, dayOf(delivery.requestedAt, timeZone), 'requested', sign);
  const at = endedAt(delivery);
  if (at === null) return;
  const day = dayOf(at, timeZone);
  add(into, delivery.gridId, day, delivery.status, sign);
  if (delivery.status === 'delivered') {
    const minutes = minutesToDeliver(delivery.requestedAt, at);
    if (minutes !== null) add(into, delivery.gridId, day, `${minutesPrefix}${minutes}`, sign);
  }
}

/**
 * Everything one delivery has contributed to the counters so far, on the days it happened (in
 * the district's time zone). Summed over a grid's deliveries this is the exact recount.
 */
export function deliveryCounts(delivery: CountedDelivery, timeZone: string): DeliveryCountDelta[] {
  const byKey = new Map<string, { gridId: string; day: string; counts: Record<string, number> }>();
  countInto(byKey, delivery, timeZone, 1);
  return settled(byKey);
}

/**
 * The counter changes of one state-machine step, from the delivery before it (`undefined` for a
 * new delivery) to the delivery after it: the difference of their {@link deliveryCounts}, so the
 * live counters always equal a recount. A step that changes nothing counted (assign, pick-up, a
 * failure that requeues, a repeated event) gives no delta at all.
 */
export function transitionCounts(before: CountedDelivery | undefined, after: CountedDelivery, timeZone: string): DeliveryCountDelta[] {
  const byKey = new Map<string, { gridId: string; day: string; counts: Record<string, number> }>();
  countInto(byKey, after, timeZone, 1);
  if (before) countInto(byKey, before, timeZone, -1);
  return settled(byKey);
}

/**
 * Sums deltas into one per grid and day (names that cancel out are dropped), so a batch of
 * transitions costs one counter write per grid-day. Associative and commutative: merging merged
 * batches gives the same result as merging everything at once.
 */
export function mergeCountDeltas(deltas: readonly DeliveryCountDelta[]): DeliveryCountDelta[] {
  const byKey = new Map<string, { gridId: string; day: string; counts: Record<string, number> }>();
  for (const delta of deltas) for (const [name, n] of Object.entries(delta.counts)) add(byKey, delta.gridId, delta.day, name, n);
  return settled(byKey);
}

/**
 * The median of minutes-to-deliver over the `minutes.<m>` histogram in `counts` (the mean of the
 * two middle values when their number is even), or null when nothing was delivered.
 */
export function medianMinutesToDeliver(counts: Readonly<Record<string, number>>): number | null {
  return medianOfMinutes(counts, minutesPrefix);
}

/**
 * The median over a whole-minutes histogram kept as counters named `<prefix><m>` (the mean of the
 * two middle values when their number is even), or null when it is empty.
 */
export function medianOfMinutes(counts: Readonly<Record<string, number>>, prefix: string): number | null {
  const buckets: { minutes: number; n: number }[] = [];
  let total = 0;
  for (const [name, n] of Object.entries(counts)) {
    if (!name.startsWith(prefix) || n <= 0) continue;
    buckets.push({ minutes: Number(name.slice(prefix.length)), n });
    total += n;
  }
  if (total === 0) return null;
  buckets.sort((a, b) => a.minutes - b.minutes);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const b of buckets) {
      seen += b.n;
      if (index < seen) return b.minutes;
    }
    return buckets[buckets.length - 1]!.minutes;
  };
  return (valueAt(Math.floor((total - 1) / 2)) + valueAt(Math.floor(total / 2))) / 2;
}

/** A grid-day's delivery figures as the daily report shows them (`open` comes from {@link cumulativeOpen}). */
export interface DeliveryFigures {
  readonly requested: number;
  readonly delivered: number;
  readonly failed: number;
  readonly cancelled: number;
  readonly medianMinutesToDeliver: number | null;
}

export function deliveryFigures(counts: Readonly<Record<string, number>>): DeliveryFigures {
  return {
    requested: counts['requested'] ?? 0,
    delivered: counts['delivered'] ?? 0,
    failed: counts['failed'] ?? 0,
    cancelled: counts['cancelled'] ?? 0,
    medianMinutesToDeliver: medianMinutesToDeliver(counts),
  };
}

/** How a day changed the number of open deliveries: each opens once when requested and closes once when it ends. */
export function openChange(counts: Readonly<Record<string, number>>): number {
  const f = deliveryFigures(counts);
  return f.requested - f.delivered - f.failed - f.cancelled;
}

/**
 * Open deliveries (queued, assigned or picked up) at the end of `day`, from a grid's daily
 * counters: the running sum of {@link openChange} over every day up to and including it. Days
 * after `day` are ignored, so the list may run to today.
 */
export function cumulativeOpen(days: readonly { readonly day: string; readonly counts: Readonly<Record<string, number>> }[], day: string): number {
  let open = 0;
  for (const d of days) if (d.day <= day) open += openChange(d.counts);
  return open;
}

/**
 * Open deliveries at the end of `day`, recounted from the records: requested on or before that
 * day and not ended on or before it. Agrees with {@link cumulativeOpen} over the same deliveries.
 */
export function countOpenAtEndOf(deliveries: readonly CountedDelivery[], day: string, timeZone: string): number {
  let open = 0;
  for (const d of deliveries) {
    if (dayOf(d.requestedAt, timeZone) > day) continue;
    const at = endedAt(d);
    if (at === null || dayOf(at, timeZone) > day) open++;
  }
  return open;
}
