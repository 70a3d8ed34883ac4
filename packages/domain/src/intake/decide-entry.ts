import type { Policy } from '../policy.ts';
import type { Resident } from '../residents/resident.ts';
import type { Reason, Verdict } from './scan-types.ts';

/** The rules of the gate, in DESIGN.md's order, on what is known about the person. */
export type DecideEntry = (input: {
  subject: { kind: 'invalid-code' } | { kind: 'unknown-person' } | { kind: 'person'; resident: Resident };
  temperatureC: number;
  direction: 'in' | 'out';
  policy: Policy;
  /** Whether the pass quota still allows this out scan (undefined: no quota applies). */
  quotaAllows: boolean | undefined;
}) => { verdict: Verdict; reason: Reason; fever: boolean };

/**
 * The entry verdict at a checkpoint, rules in DESIGN.md's order: unknown code or person, red,
 * yellow, fever, quarantine, pass quota, otherwise allow. `fever` is reported whatever the verdict,
 * because a fever is counted and followed up even when an earlier rule already denied entry.
 */
export const decideEntry: DecideEntry = ({ subject, temperatureC, policy, quotaAllows }) => {
  const fever = temperatureC >= policy.feverC;
  const deny = (reason: ReturnType<DecideEntry>['reason']) => ({ verdict: 'deny' as const, reason, fever });
  if (subject.kind === 'invalid-code') return deny('invalid-code');
  if (subject.kind === 'unknown-person') return deny('unknown-person');
  const { codeColor, status } = subject.resident;
  if (codeColor === 'red') return deny('code-red');
  if (codeColor === 'yellow') return deny('code-yellow');
  if (fever) return deny('fever');
  if (status === 'home' || status === 'central') return deny('quarantine');
  if (quotaAllows === false) return deny('pass-quota');
  return { verdict: 'allow', reason: 'ok', fever };
};
