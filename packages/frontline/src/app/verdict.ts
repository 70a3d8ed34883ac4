import type { CodeCheck, CodeColor } from './code-verify.ts';
import type { MessageKey } from './i18n.ts';

/** The API's reasons (API.md, POST /v1/scans) and the one a gate adds when it cannot decide offline. */
export type Reason = 'ok' | 'invalid-code' | 'unknown-person' | 'code-red' | 'code-yellow' | 'fever' | 'quarantine' | 'pass-quota' | 'unverified-offline';

export const reasonKeys: Readonly<Record<Reason, MessageKey>> = {
  ok: 'reason.ok',
  'invalid-code': 'reason.invalid-code',
  'unknown-person': 'reason.unknown-person',
  'code-red': 'reason.code-red',
  'code-yellow': 'reason.code-yellow',
  fever: 'reason.fever',
  quarantine: 'reason.quarantine',
  'pass-quota': 'reason.pass-quota',
  'unverified-offline': 'reason.unverified-offline',
};

export const colorKeys: Readonly<Record<CodeColor, MessageKey>> = { green: 'color.green', yellow: 'color.yellow', red: 'color.red' };

export interface Verdict {
  readonly verdict: 'allow' | 'deny';
  readonly reason: Reason;
}

/** DESIGN.md's default fever threshold; a gate offline cannot know a district's own. */
export const feverC = 37.3;

/**
 * The verdict a gate gives offline, in DESIGN.md's order as far as the code alone can tell:
 * a bad code, then a red or yellow colour, then fever. Quarantine and the pass quota need the
 * server and are decided when the backlog uploads. A code without a colour, or an ID number
 * (no signature to check), is never let through unchecked.
 */
export function provisionalVerdict(check: CodeCheck | 'id-number' | 'no-keys', temperatureC: number): Verdict {
  if (check === 'id-number' || check === 'no-keys') return { verdict: 'deny', reason: 'unverified-offline' };
  if (!check.ok) return { verdict: 'deny', reason: 'invalid-code' };
  if (check.color === 'red') return { verdict: 'deny', reason: 'code-red' };
  if (check.color === 'yellow') return { verdict: 'deny', reason: 'code-yellow' };
  if (check.color === undefined) return { verdict: 'deny', reason: 'unverified-offline' };
  if (temperatureC >= feverC) return { verdict: 'deny', reason: 'fever' };
  return { verdict: 'allow', reason: 'ok' };
}

export type Flag = 'reused' | 'changed';

/**
 * What the gate keeper must hear about once the server has judged a scan let through offline:
 * a code already used (the server says invalid-code for a code whose signature held), or any
 * other reason to have stopped the person.
 */
export function flagOf(provisional: Verdict, final: Verdict): Flag | undefined {
  if (provisional.verdict !== 'allow' || final.verdict === 'allow') return undefined;
  return final.reason === 'invalid-code' ? 'reused' : 'changed';
}
