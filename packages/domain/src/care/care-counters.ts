import { medianOfMinutes } from '../deliveries/delivery-counters.ts';
import type { UrgentRequest } from './urgent-requests.ts';

/**
 * A grid's care of one day as flat counters, added by plain addition like the delivery counters
 * (so any level's figures are the sum of its grids'):
 * - `urgent.opened`, `urgent.acknowledged`, `urgent.arranged`: requests opened, and steps taken,
 *   that day (each step counted by the one request that took it);
 * - `urgent.escalated`: levels a missed clock raised that day (the community, then the street);
 * - `ack.minutes.<m>`, `arrange.minutes.<m>`: whole minutes from opening to the step, a histogram;
 * - `care.visits`: care visits and calls kept that day.
 */
export type CareCounts = Readonly<Record<string, number>>;

const ackPrefix = 'ack.minutes.';
const arrangePrefix = 'arrange.minutes.';

const minutesBetween = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000));

/**
 * The counters a step adds, read off the request as stored after it: the step and its minutes from
 * opening; an arrangement whose acknowledgement is its own (nobody had acknowledged the request)
 * counts the acknowledgement too, at the same minute.
 */
export function stepCounts(stored: Pick<UrgentRequest, 'openedAt' | 'acknowledged'>, step: 'acknowledged' | 'arranged', at: string): CareCounts {
  const minutes = minutesBetween(stored.openedAt, at);
  const acknowledging = step === 'acknowledged' || stored.acknowledged?.at === at;
  return {
    ...(acknowledging ? { 'urgent.acknowledged': 1, [`${ackPrefix}${minutes}`]: 1 } : {}),
    ...(step === 'arranged' ? { 'urgent.arranged': 1, [`${arrangePrefix}${minutes}`]: 1 } : {}),
  };
}

/** What the care report shows of a unit's day: the day's flows, and, for today, where things stand now. */
export interface CareFigures {
  readonly urgent: {
    readonly opened: number;
    readonly acknowledged: number;
    readonly arranged: number;
    readonly escalated: number;
    readonly medianMinutesToAcknowledge: number | null;
    readonly medianMinutesToArrange: number | null;
  };
  readonly visits: { readonly done: number };
}

/** Several units' counters as one (what a district sends its city: its grids' summed). */
export function mergeCareCounts(parts: Iterable<CareCounts>): CareCounts {
  const merged: Record<string, number> = {};
  for (const counts of parts) for (const [name, n] of Object.entries(counts)) merged[name] = (merged[name] ?? 0) + n;
  return merged;
}

/** Sums grids' counters into a unit's figures; the medians are taken over the merged histograms. */
export function careFigures(grids: readonly CareCounts[]): CareFigures {
  const merged = mergeCareCounts(grids);
  return {
    urgent: {
      opened: merged['urgent.opened'] ?? 0,
      acknowledged: merged['urgent.acknowledged'] ?? 0,
      arranged: merged['urgent.arranged'] ?? 0,
      escalated: merged['urgent.escalated'] ?? 0,
      medianMinutesToAcknowledge: medianOfMinutes(merged, ackPrefix),
      medianMinutesToArrange: medianOfMinutes(merged, arrangePrefix),
    },
    visits: { done: merged['care.visits'] ?? 0 },
  };
}
