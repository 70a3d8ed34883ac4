import { createHash } from 'node:crypto';

/**
 * Limits on ID-number lookups through `POST /v1/scans` that find nobody, so a scanner's token
 * cannot enumerate ID numbers. What an enumeration consists of is misses (unknown-person): a busy
 * gate reading the ID cards of registered residents all day spends nothing, and an offline gate's
 * backlog of them is never held back. Each caller (a token's subject) and each checkpoint gets a
 * budget of misses per fixed window, counted in DynamoDB; while a budget is spent, uploads that
 * look ID numbers up there are refused with 429 until its window ends (codes still pass).
 *
 * Sizes: a gate sees an unregistered ID card a few times an hour (a visitor, a resident not yet
 * registered); 300 a day per token is 3,650 a year of misses at most, against tens of millions of
 * plausible ID numbers per district (6-digit region × birth date × 3-digit sequence): guessing
 * your way through a district's residents is impractical. A checkpoint's budget is twice a token's
 * (two devices at one gate). The 10-minute windows stop a burst from spending a day's budget at
 * once; each is at least an upload's 100 scans, so one backlog of strangers can always be sent.
 *
 * Checked before admission and counted after it (only then is it known who was found), so
 * concurrent uploads may overshoot a budget by at most one upload each: bounded, as required.
 */
export interface LookupLimit {
  readonly per: 'caller' | 'checkpoint';
  readonly windowSeconds: number;
  readonly max: number;
}

export const idLookupLimits: readonly LookupLimit[] = [
  { per: 'caller', windowSeconds: 600, max: 100 },
  { per: 'caller', windowSeconds: 86_400, max: 300 },
  { per: 'checkpoint', windowSeconds: 600, max: 200 },
  { per: 'checkpoint', windowSeconds: 86_400, max: 600 },
];

/** One fixed window of one counter: `counter` counted from `windowStart` (epoch seconds). */
export interface CounterWindow {
  readonly counter: string;
  readonly windowStart: number;
}

/** Fixed-window counters (the DynamoDB store keeps each window's count until it has ended). */
export interface WindowCounters {
  /** The counts of these windows, in order; a window nobody counted in is 0. */
  counts(windows: readonly CounterWindow[]): Promise<number[]>;
  /** Adds to a window's count, kept until `expiresAt` (epoch seconds). */
  add(window: CounterWindow, amount: number, expiresAt: number): Promise<void>;
}

export type LookupDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly message: string; readonly retryAfterSeconds: number };

interface ScanLike {
  readonly checkpointId: string;
  readonly idNumber?: string | undefined;
}

/**
 * Who is counted: the token's subject (a device or a person, however many tokens it is issued),
 * or, for a token without one, the token itself (hashed: a bearer token is never stored).
 */
export function lookupCaller(subject: string, authorization: string | undefined): string {
  if (subject !== '') return `sub:${subject}`;
  return `token:${createHash('sha256').update(authorization ?? '').digest('base64url').slice(0, 32)}`;
}

function windowsOf(caller: string, checkpoints: readonly string[], nowSeconds: number, limits: readonly LookupLimit[]) {
  return limits.flatMap((limit) => (limit.per === 'caller' ? [caller] : checkpoints).map((who) => ({
    limit,
    who,
    window: { counter: `idmiss#${limit.per}#${limit.windowSeconds}#${who}`, windowStart: nowSeconds - (nowSeconds % limit.windowSeconds) },
  })));
}

const checkpointsLookedUp = (scans: readonly ScanLike[]) => [...new Set(scans.filter((s) => s.idNumber !== undefined).map((s) => s.checkpointId))];

/** Whether an upload's ID-number lookups may go ahead: refused while a budget they draw on is spent. */
export async function checkIdLookups(
  counters: WindowCounters, caller: string, scans: readonly ScanLike[], now = Date.now(), limits = idLookupLimits,
): Promise<LookupDecision> {
  const checkpoints = checkpointsLookedUp(scans);
  if (checkpoints.length === 0) return { allowed: true };
  const nowSeconds = Math.floor(now / 1000);
  const windows = windowsOf(caller, checkpoints, nowSeconds, limits);
  const counts = await counters.counts(windows.map((w) => w.window));
  const spent = windows.filter((w, i) => counts[i]! >= w.limit.max);
  if (spent.length === 0) return { allowed: true };
  const retryAfterSeconds = Math.max(...spent.map((w) => w.window.windowStart + w.limit.windowSeconds - nowSeconds));
  const what = spent.map((w) => `${w.limit.per === 'caller' ? 'this token' : `checkpoint ${w.who}`}: ${w.limit.max} per ${w.limit.windowSeconds / 60} min`);
  return { allowed: false, retryAfterSeconds, message: `too many ID numbers that match nobody (${[...new Set(what)].join('; ')}); retry later` };
}

/** Counts an admitted upload's ID-number lookups that found nobody against every budget they draw on. */
export async function countIdMisses(
  counters: WindowCounters, caller: string, scans: readonly ScanLike[], results: readonly { readonly reason: string }[],
  now = Date.now(), limits = idLookupLimits,
): Promise<void> {
  const misses = scans.filter((s, i) => s.idNumber !== undefined && results[i]?.reason === 'unknown-person');
  if (misses.length === 0) return;
  const byCheckpoint = new Map<string, number>();
  for (const s of misses) byCheckpoint.set(s.checkpointId, (byCheckpoint.get(s.checkpointId) ?? 0) + 1);
  const nowSeconds = Math.floor(now / 1000);
  await Promise.all(windowsOf(caller, [...byCheckpoint.keys()], nowSeconds, limits).map(({ limit, who, window }) => {
    const amount = limit.per === 'caller' ? misses.length : byCheckpoint.get(who)!;
    return counters.add(window, amount, window.windowStart + limit.windowSeconds);
  }));
}
