import type { DecideEntry } from './admit-scans.ts';

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
