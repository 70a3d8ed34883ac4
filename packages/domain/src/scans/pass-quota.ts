import { addDays, dayOf } from '../calendar.ts';
import type { Policy } from '../policy.ts';
import { decideVerdict } from './verdict.ts';
import type { Direction, ScanSubject, VerdictResult } from './verdict.ts';

/**
 * A household's recent allowed outings: one district day (`YYYY-MM-DD`) per allowed `out` scan,
 * ascending, repeated when a day holds several. Bounded by {@link recordOuting}.
 */
export type OutingState = readonly string[];

/** The pass quota of a policy: `perHousehold` allowed outs in any `everyDays` consecutive days. */
export type OutingQuota = NonNullable<Policy['outings']>;

/** An empty outing state: a household that has not gone out yet. */
export const noOutings: OutingState = [];

// A window shorter than one day means nothing; treat it as one rather than loop or divide oddly.
function windowDays(quota: OutingQuota): number {
  return Math.max(1, Math.floor(quota.everyDays));
}

function countBetween(state: OutingState, from: string, to: string): number {
  let n = 0;
  for (const d of state) if (d >= from && d <= to) n++;
  return n;
}

/**
 * Outings that count against an outing on `day`: the most recorded outings in any window of
 * `everyDays` days that contains `day`, or `null` when the policy has no pass quota (which is what
 * {@link decideVerdict} expects).
 *
 * Checking every window that contains `day`, not only the one ending on it, matters for a late
 * upload: an outing on an earlier day must not squeeze a second outing into a window that already
 * holds a later one. When scans arrive in day order the two are the same.
 */
export function outingsInWindow(state: OutingState, day: string, policy: Policy): number | null {
  if (policy.outings === null) return null;
  const span = windowDays(policy.outings);
  const earliest = addDays(day, -(span - 1));
  // The fullest window containing `day` can be slid right until it starts on an outing or on `day`.
  const starts = new Set([day, ...state.filter((d) => d >= earliest && d <= day)]);
  let most = 0;
  for (const from of starts) most = Math.max(most, countBetween(state, from, addDays(from, span - 1)));
  return most;
}

/**
 * The state after an allowed outing on `day`, pruned to what the quota can still need: the last
 * `2 × everyDays − 1` days up to the newest outing. That keeps {@link outingsInWindow} exact for
 * any day from `everyDays − 1` days before the newest outing onwards (so a late upload of that age
 * is still judged exactly) and bounds the state to `2 × perHousehold` entries when the quota is
 * kept. With no pass quota nothing needs keeping.
 */
export function recordOuting(state: OutingState, day: string, policy: Policy): OutingState {
  if (policy.outings === null) return noOutings;
  const span = windowDays(policy.outings);
  const all = [...state, day].sort();
  const newest = all[all.length - 1] ?? day;
  const oldestKept = addDays(newest, -(2 * span - 2));
  return all.filter((d) => d >= oldestKept);
}

/** One scan of a household's batch, as the gate rules need it. */
export interface HouseholdScan {
  readonly scanId: string;
  /** ISO instant with offset; orders the batch and gives the district day of an outing. */
  readonly scannedAt: string;
  readonly direction: Direction;
  readonly subject: ScanSubject;
  readonly temperatureC: number;
}

/** A scan's verdict, tagged with its id. */
export interface HouseholdScanResult extends VerdictResult {
  readonly scanId: string;
}

/** Verdicts of a household's batch, in the order given, and the household's new outing state. */
export interface HouseholdBatchOutcome {
  readonly results: readonly HouseholdScanResult[];
  readonly state: OutingState;
}

/**
 * Decides all scans of one household in one request, in scan-time order (ties keep the order
 * given), so the n-th `out` scan inside the window is denied `pass-quota` even when the earlier
 * ones arrived in the same upload. Only `out` scans that end up allowed spend quota: one denied
 * for any other reason (fever, code colour…) leaves the quota untouched.
 *
 * Precondition: every `scannedAt` is a valid instant (the route's schema checks it).
 */
export function decideHouseholdScans(
  state: OutingState,
  scans: readonly HouseholdScan[],
  policy: Policy,
  timeZone: string,
): HouseholdBatchOutcome {
  const order = scans
    .map((scan, index) => ({ scan, index, at: Date.parse(scan.scannedAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);

  const results: HouseholdScanResult[] = new Array(scans.length);
  let current = state;
  for (const { scan, index } of order) {
    const day = dayOf(scan.scannedAt, timeZone);
    const outingsUsed = scan.direction === 'out' ? outingsInWindow(current, day, policy) : null;
    const result = decideVerdict({
      subject: scan.subject,
      temperatureC: scan.temperatureC,
      direction: scan.direction,
      policy,
      outingsUsed,
    });
    if (scan.direction === 'out' && result.verdict === 'allow' && policy.outings !== null) {
      current = recordOuting(current, day, policy);
    }
    results[index] = { scanId: scan.scanId, ...result };
  }
  return { results, state: current };
}
