import { addDays } from '../calendar.ts';
import type { Policy } from '../policy.ts';

export interface Outing {
  readonly scanId: string;
  readonly day: string;
}

export interface OutingsState {
  readonly outings: readonly Outing[];
  readonly version: number;
}

/** Where a household's outings are kept; `save` fails when another gate saved since `version`. */
export interface OutingsPort {
  load(householdId: string): Promise<OutingsState>;
  save(householdId: string, state: OutingsState): Promise<boolean>;
}

/**
 * Decides the out scans of one household in scan-time order against its rolling window: at most
 * `perHousehold` allowed outs in any `everyDays` consecutive district days. Only the scans that
 * `wanted` to go out (no other rule denied them) spend quota; a scan already counted (a repeat)
 * keeps its place. Pure.
 */
export function decideOutings(
  outings: readonly Outing[],
  scans: readonly { scanId: string; day: string; wanted: boolean }[],
  quota: NonNullable<Policy['outings']>,
): { allowed: Map<string, boolean>; outings: Outing[] } {
  const kept = [...outings];
  const allowed = new Map<string, boolean>();
  for (const scan of scans) {
    if (kept.some((o) => o.scanId === scan.scanId)) {
      allowed.set(scan.scanId, true);
      continue;
    }
    if (!scan.wanted) {
      allowed.set(scan.scanId, true);
      continue;
    }
    const windowStart = addDays(scan.day, -(quota.everyDays - 1));
    // A late upload can land before outings already counted: check every window containing its day.
    const fits = [...Array(quota.everyDays).keys()].every((shift) => {
      const from = addDays(windowStart, shift);
      const to = addDays(from, quota.everyDays - 1);
      return kept.filter((o) => o.day >= from && o.day <= to).length < quota.perHousehold;
    });
    allowed.set(scan.scanId, fits);
    if (fits) kept.push({ scanId: scan.scanId, day: scan.day });
  }
  // Keep only what a window can still need: outings older than the longest window are done with.
  const newest = kept.reduce((max, o) => (o.day > max ? o.day : max), '0000-00-00');
  return { allowed, outings: kept.filter((o) => o.day > addDays(newest, -2 * quota.everyDays)) };
}

/**
 * The day an out scan spends the household's quota on: its own day, unless it arrives so late that
 * no window judged today still contains that day; then the oldest day such a window does. So an
 * outing cannot be dated back out of today's window to free today's quota (within the backlog
 * bound, a scan may be dated up to three days back, further than a short quota window reaches);
 * the scan is still counted on its own day. Pure.
 */
export function quotaDay(scanDay: string, receivedDay: string, quota: NonNullable<Policy['outings']>): string {
  const oldestSeenToday = addDays(receivedDay, -(quota.everyDays - 1));
  return scanDay < oldestSeenToday ? oldestSeenToday : scanDay;
}

/** How many more outs a household may make today: its quota less the outings in the window ending today. */
export function outingsLeft(outings: readonly Outing[], today: string, quota: NonNullable<Policy['outings']>): number {
  const from = addDays(today, -(quota.everyDays - 1));
  const used = outings.filter((o) => o.day >= from && o.day <= today).length;
  return Math.max(quota.perHousehold - used, 0);
}
