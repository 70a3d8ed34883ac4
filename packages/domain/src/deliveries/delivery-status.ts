import type { Delivery, DeliveryOrder, DeliveryStatus, FailureReason, HistoryEntry } from './delivery-types.ts';

/** Something that happens to a delivery; `by` and `at` travel alongside (see {@link applyDeliveryEvent}). */
export type DeliveryEvent =
  /** A dispatcher (or the dispatcher function) hands a queued delivery to a volunteer. */
  | { readonly type: 'assign'; readonly volunteerId: string }
  /** The volunteer went off duty or their capacity dropped before pick-up: back to the queue. */
  | { readonly type: 'release' }
  | { readonly type: 'picked-up'; readonly note?: string }
  | { readonly type: 'delivered'; readonly note?: string }
  | { readonly type: 'failed'; readonly reason: FailureReason; readonly note?: string }
  | { readonly type: 'cancel'; readonly note?: string };

export type DeliveryEventType = DeliveryEvent['type'];

/** The part of a delivery the state machine reads and writes; the rest is carried through unchanged. */
export type DeliveryState = Pick<Delivery, 'deliveryId' | 'status' | 'volunteerId' | 'attempts' | 'history'>;

/** `forbidden`: not the sender's task (HTTP 403). `invalid-transition`: the status does not allow it (HTTP 409). */
export type DeliveryError = 'forbidden' | 'invalid-transition';

export type ApplyResult<D extends DeliveryState> =
  /** `changed` is false when the event repeats one already recorded (a retried request): nothing to write. */
  | { readonly ok: true; readonly delivery: D; readonly changed: boolean }
  | { readonly ok: false; readonly error: DeliveryError; readonly message: string };

/** How many times a failed delivery goes back to the queue before a failure ends it. */
export const requeueLimit = 1;

/** The statuses each event may be applied in. Everything else is an invalid transition. */
export const allowedStatuses: Readonly<Record<DeliveryEventType, readonly DeliveryStatus[]>> = {
  assign: ['queued'],
  release: ['assigned'],
  'picked-up': ['assigned'],
  delivered: ['picked-up'],
  // Before pick-up too: the shop may be out of stock when the volunteer gets there.
  failed: ['assigned', 'picked-up'],
  // A dispatcher may call off any delivery still under way, even one in a volunteer's hands.
  cancel: ['queued', 'assigned', 'picked-up'],
};

/** Events only the assigned volunteer may send. */
const volunteerEvents: ReadonlySet<DeliveryEventType> = new Set(['picked-up', 'delivered', 'failed']);

function entry(status: DeliveryStatus, at: string, by: string | undefined, extra: Omit<HistoryEntry, 'status' | 'at' | 'by'> = {}): HistoryEntry {
  const e: { -readonly [K in keyof HistoryEntry]: HistoryEntry[K] } = { status, at };
  if (by !== undefined) e.by = by;
  if (extra.reason !== undefined) e.reason = extra.reason;
  if (extra.volunteerId !== undefined) e.volunteerId = extra.volunteerId;
  if (extra.note !== undefined) e.note = extra.note;
  return e;
}

/**
 * A new delivery, queued, its history starting at `requestedAt` (not the time it reached the
 * server), so creating it again from the same order gives the same delivery.
 */
export function queueDelivery(order: DeliveryOrder, by?: string): Delivery {
  return { ...order, status: 'queued', attempts: 0, history: [entry('queued', order.requestedAt, by)] };
}

/** The history entry an event leads with (a requeue adds a second one after it). */
function leadingEntry(event: DeliveryEvent, by: string | undefined, at: string): HistoryEntry {
  switch (event.type) {
    case 'assign': return entry('assigned', at, by, { volunteerId: event.volunteerId });
    case 'release': return entry('queued', at, by);
    case 'picked-up': return entry('picked-up', at, by, { note: event.note });
    case 'delivered': return entry('delivered', at, by, { note: event.note });
    case 'failed': return entry('failed', at, by, { reason: event.reason, note: event.note });
    case 'cancel': return entry('cancelled', at, by, { note: event.note });
  }
}

function sameEntry(a: HistoryEntry | undefined, b: HistoryEntry): boolean {
  return a !== undefined && a.status === b.status && a.at === b.at && a.by === b.by && a.reason === b.reason && a.volunteerId === b.volunteerId && a.note === b.note;
}

/**
 * The entry the latest event led with, or none before the first event (the creation entry came
 * from no event). A requeue's own `queued` entry follows the failure that caused it.
 */
function latestChange(history: readonly HistoryEntry[]): HistoryEntry | undefined {
  if (history.length < 2) return undefined;
  const last = history.at(-1);
  const before = history.at(-2);
  return last?.status === 'queued' && last.by === undefined && before?.status === 'failed' && before.at === last.at ? before : last;
}

/**
 * Applies one event to a delivery: the whole status flow of API.md in one place.
 *
 * - `assign` queued → assigned (to `event.volunteerId`); `release` assigned → queued.
 * - `picked-up`, `delivered`, `failed` only from the assigned volunteer (`by`), else `forbidden`.
 * - A failure sends the delivery back to the queue {@link requeueLimit} time(s), the history
 *   keeping the failure; the failure after that ends it as `failed`. `attempts` counts failures.
 * - `cancel` ends any delivery still under way.
 * - An event identical to the latest change (same status, instant, sender, reason, volunteer and
 *   note) is a retry: `ok` with `changed: false` and the delivery untouched, so a client that lost
 *   the answer can send again without getting a 409. Only the latest change: no rule lets the
 *   same event apply twice in a row, so a match there can only be a retry, whereas an older
 *   match might be a new event that happens to look the same.
 *
 * Errors are returned, never thrown. The input is not modified.
 */
export function applyDeliveryEvent<D extends DeliveryState>(delivery: D, event: DeliveryEvent, by: string | undefined, at: string): ApplyResult<D> {
  const lead = leadingEntry(event, by, at);
  if (sameEntry(latestChange(delivery.history), lead)) return { ok: true, delivery, changed: false };

  if (volunteerEvents.has(event.type) && (by === undefined || delivery.volunteerId !== by)) {
    return { ok: false, error: 'forbidden', message: `delivery ${delivery.deliveryId} is not a task of ${by ?? 'an anonymous sender'}` };
  }
  if (!allowedStatuses[event.type].includes(delivery.status)) {
    return { ok: false, error: 'invalid-transition', message: `cannot ${event.type} delivery ${delivery.deliveryId}: it is ${delivery.status}` };
  }

  const next: { -readonly [K in keyof DeliveryState]: DeliveryState[K] } = {
    deliveryId: delivery.deliveryId,
    status: lead.status,
    volunteerId: delivery.volunteerId,
    attempts: delivery.attempts,
    history: [...delivery.history, lead],
  };
  switch (event.type) {
    case 'assign':
      next.volunteerId = event.volunteerId;
      break;
    case 'release':
      next.volunteerId = undefined;
      break;
    case 'failed':
      next.attempts = delivery.attempts + 1;
      if (next.attempts <= requeueLimit) {
        // Back in the queue, nobody's task until dispatched again; the entry carries no `by`
        // because no one decided it: the rule did.
        next.status = 'queued';
        next.volunteerId = undefined;
        next.history = [...next.history, entry('queued', at, undefined)];
      }
      break;
    default:
      break;
  }
  const updated = { ...delivery, ...next };
  // Dropped rather than set to undefined: stores such as DynamoDB refuse undefined attributes.
  if (updated.volunteerId === undefined) delete (updated as { volunteerId?: string }).volunteerId;
  return { ok: true, delivery: updated, changed: true };
}
