import type { Policy } from '../policy.ts';

/** The answer a checkpoint shows. */
export type Verdict = 'allow' | 'deny';

/** Health-code colour of a person (API.md, Four-category cases). */
export type CodeColor = 'green' | 'yellow' | 'red';

/** Quarantine a person is under; anything but `none` keeps them in. */
export type QuarantineState = 'none' | 'home' | 'central';

/** Which way a resident passes the gate; only `out` spends the pass quota. */
export type Direction = 'in' | 'out';

/**
 * Why a scan was denied (API.md, Scans). `invalid-code` covers a bad signature, an expired code
 * and a code already used by another scan.
 */
export type DenyReason =
  | 'invalid-code'
  | 'unknown-person'
  | 'code-red'
  | 'code-yellow'
  | 'fever'
  | 'quarantine'
  | 'pass-quota';

/** The reason a verdict names: `ok` for an allow, a {@link DenyReason} otherwise. */
export type Reason = 'ok' | DenyReason;

/** Every deny reason, in the order the rules are applied; handy for exhaustive tables and reports. */
export const denyReasons: readonly DenyReason[] = [
  'invalid-code',
  'unknown-person',
  'code-red',
  'code-yellow',
  'fever',
  'quarantine',
  'pass-quota',
];

/** Who the scanned code or ID card turned out to be, as resolved before the rules run. */
export type ScanSubject =
  | { readonly kind: 'invalid-code' }
  | { readonly kind: 'unknown-person' }
  | { readonly kind: 'person'; readonly codeColor: CodeColor; readonly quarantine: QuarantineState };

/** Everything the gate rules read for one scan. */
export interface VerdictInput {
  readonly subject: ScanSubject;
  readonly temperatureC: number;
  readonly direction: Direction;
  readonly policy: Policy;
  /**
   * Allowed outings the person's household has already made in the quota window, or `null` when
   * no pass quota applies (the policy has none).
   */
  readonly outingsUsed: number | null;
}

/** The outcome of the gate rules for one scan. */
export interface VerdictResult {
  readonly verdict: Verdict;
  readonly reason: Reason;
  /** Temperature at or above the district's threshold, whatever the verdict. */
  readonly fever: boolean;
}

/** Whether a temperature counts as a fever under the district's policy. */
export function isFever(temperatureC: number, policy: Policy): boolean {
  return temperatureC >= policy.feverC;
}

/**
 * Whether an `out` scan would exceed the household's pass quota. The quota applies only when the
 * policy has one *and* the caller supplied a count; either being absent means no quota.
 */
export function passQuotaExceeded(direction: Direction, outingsUsed: number | null, policy: Policy): boolean {
  if (direction !== 'out' || policy.outings === null || outingsUsed === null) return false;
  return outingsUsed >= policy.outings.perHousehold;
}

/**
 * The entry verdict at a checkpoint, rules in DESIGN.md's order: invalid code, unknown person,
 * red, yellow, fever, quarantine, pass quota, otherwise allow. `fever` is computed independently of
 * the verdict because a fever must be counted and followed up even when an earlier rule denied.
 */
export function decideVerdict(input: VerdictInput): VerdictResult {
  const { subject, temperatureC, direction, policy, outingsUsed } = input;
  const fever = isFever(temperatureC, policy);
  const deny = (reason: DenyReason): VerdictResult => ({ verdict: 'deny', reason, fever });

  if (subject.kind === 'invalid-code') return deny('invalid-code');
  if (subject.kind === 'unknown-person') return deny('unknown-person');
  if (subject.codeColor === 'red') return deny('code-red');
  if (subject.codeColor === 'yellow') return deny('code-yellow');
  if (fever) return deny('fever');
  if (subject.quarantine !== 'none') return deny('quarantine');
  if (passQuotaExceeded(direction, outingsUsed, policy)) return deny('pass-quota');
  return { verdict: 'allow', reason: 'ok', fever };
}
