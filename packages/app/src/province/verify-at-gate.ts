import type { CodeColor } from '@firstline/domain';
import type {
  CodeRefusalReason, HealthCodePolicy, HealthCodeProvider, HealthCodeProviderId, ProvincialKeyring, ProvincialPeoplePort, VouchedCode,
} from '@firstline/domain/health-codes/index';
import { providersFor, provisionalColor } from '@firstline/domain/health-codes/index';

/** What the gate's code check uses: the district's policy, its providers, and the province's side for the fallback. */
export interface GateCodePorts {
  readonly policy: HealthCodePolicy;
  readonly providers: readonly HealthCodeProvider[];
  /** Absent when the district has no province: a provincial code then has no one to vouch for it. */
  readonly province?: { readonly keyring: ProvincialKeyring; readonly people: ProvincialPeoplePort } | undefined;
}

/** A code vouched for, with the Firstline person it names (null: nobody registered here, `unknown-person`). */
export interface GateCodeAccepted {
  readonly ok: true;
  readonly provider: HealthCodeProviderId;
  readonly codeId: string;
  readonly personId: string | null;
  /** The colour vouched for; null when Firstline's own record decides (see `gateColor`). */
  readonly color: CodeColor | null;
  /** Answered by the fallback: the province's signed code, checked offline, and the colour last seen. */
  readonly provisional: boolean;
  readonly singleUse: boolean;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** No provider vouched: the gate denies with `invalid-code`. */
export interface GateCodeRefused {
  readonly ok: false;
  /** The provider that refused; null when no accepted provider recognised the code at all. */
  readonly provider: HealthCodeProviderId | null;
  readonly why: CodeRefusalReason | 'not-accepted';
}

export type GateCodeVerdict = GateCodeAccepted | GateCodeRefused;

/**
 * Verifies a code shown at a gate with the providers the district's policy accepts, in its order:
 * the first that recognises the code decides (a code that only looked like one provider's, and
 * does not parse, goes on to the next). A provincial code names the person by ID-number digest;
 * the link kept at registration says who that is here.
 *
 * When the province cannot answer and the policy allows it, the gate falls back: the code's
 * signature checked with the cached public key, and its signed colour never better than the
 * province's colour Firstline last saw, answered as provisional. So a gate keeps answering within
 * its timeout while the province is down, and nobody last seen red or yellow is let through.
 */
export async function verifyAtGate(ports: GateCodePorts, code: string, at: Date): Promise<GateCodeVerdict> {
  const candidates = providersFor(ports.policy, ports.providers, code);
  let refusal: GateCodeRefused = { ok: false, provider: null, why: 'not-accepted' };
  for (const provider of candidates) {
    const check = await provider.verify(code, at);
    if (check.ok) return accept(ports, check, at);
    refusal = { ok: false, provider: check.provider, why: check.why };
    if (check.why === 'unavailable') return fallBack(ports, code, at, refusal);
    if (check.why !== 'malformed') return refusal;
  }
  return refusal;
}

async function accept(ports: GateCodePorts, check: VouchedCode, at: Date): Promise<GateCodeAccepted> {
  const { provider, codeId, color, provisional, singleUse, issuedAt, expiresAt } = check;
  if (check.idDigest === undefined) return { ok: true, provider, codeId, personId: check.personId, color, provisional, singleUse, issuedAt, expiresAt };
  const person = await ports.province?.people.lookup(check.idDigest);
  if (person?.personId && color && person.lastColor?.color !== color) {
    // Best effort: the verdict is already right from the province's answer; a lost write only
    // leaves the fallback one colour change behind, which the next online scan repairs.
    await ports.province!.people.rememberColor(check.idDigest, color, at).catch(() => undefined);
  }
  return { ok: true, provider, codeId, personId: person?.personId ?? null, color, provisional, singleUse, issuedAt, expiresAt };
}

async function fallBack(ports: GateCodePorts, code: string, at: Date, unavailable: GateCodeRefused): Promise<GateCodeVerdict> {
  if (!ports.policy.offlineFallback || !ports.province || unavailable.provider !== 'province') return unavailable;
  const offline = await ports.province.keyring.verifyOffline(code, at);
  if (!offline.ok) return { ok: false, provider: 'province', why: offline.why };
  const { idDigest, codeId, color, issuedAt, expiresAt } = offline.code;
  const person = await ports.province.people.lookup(idDigest);
  return {
    ok: true, provider: 'province', codeId, personId: person?.personId ?? null,
    color: provisionalColor(color, person?.lastColor?.color), provisional: true, singleUse: false, issuedAt, expiresAt,
  };
}
