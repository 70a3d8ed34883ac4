import type { Role } from '@firstline/service/edge';
import { roles, tokenRules } from '@firstline/service/edge';

/** Who is calling, from the JWT claims that the authorizer (cloud) or local gateway verified. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly district: string;
  /** Ids the bearer may act on (checkpoints, grids or its own volunteer id); `*` is district-wide where the role honours it. */
  readonly scopes: readonly string[];
}

type ClaimValue = string | number | boolean | readonly string[] | undefined;
export type Claims = Readonly<Record<string, ClaimValue>>;

export type PrincipalReading = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly reason: string };

/** A scope is one id (API.md's id shape) or `*`: never a list packed into one string. */
const scopeShape = /^(?:\*|[A-Za-z0-9][A-Za-z0-9._:-]{0,63})$/;

/**
 * The `scopes` claim as a list, or why it is refused. A token's `scopes` is an array. API Gateway's
 * JWT authorizer hands an array claim to the function as one string, its items joined by single
 * spaces inside brackets (`["g1","g2"]` arrives as `[g1 g2]`), so that form — and only that form —
 * is read as the array it was. Any other string (`g1 g2`, `g1,g2`, `[g1,g2]`) is a token whose
 * scopes are not an array of ids, and it is refused rather than guessed at: splitting it would
 * turn one odd scope into several real ones.
 */
function scopeList(value: ClaimValue): { ok: true; scopes: string[] } | { ok: false; reason: string } {
  if (value === undefined) return { ok: true, scopes: [] };
  let items: readonly unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string' && value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1);
    items = inner === '' ? [] : inner.split(' ');
  } else return { ok: false, reason: 'the scopes claim must be an array of ids' };
  const bad = items.find((s) => typeof s !== 'string' || !scopeShape.test(s));
  if (bad !== undefined) return { ok: false, reason: `scope ${JSON.stringify(bad).slice(0, 70)} is not an id` };
  return { ok: true, scopes: items as string[] };
}

/** A NumericDate claim: a number, or the decimal string API Gateway passes it as. */
function seconds(value: ClaimValue): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Reads the verified claims into a principal, or says why the token is refused: no `exp` or `iat`,
 * a lifetime over `tokenRules.maxLifetimeSeconds`, issued in the future (beyond the clock skew) or
 * expired, an unknown role, no district, or scopes that are not an array of ids. The signature,
 * issuer and audience were checked before (the cloud authorizer, the local gateway); these are
 * what the cloud authorizer cannot be configured to check, so every route checks them here.
 */
export function readPrincipal(claims: Claims | undefined, now = Date.now(), rules = tokenRules): PrincipalReading {
  if (!claims) return { ok: false, reason: 'a valid bearer token is required' };
  const exp = seconds(claims['exp']);
  const iat = seconds(claims['iat']);
  if (exp === undefined) return { ok: false, reason: 'the token has no expiry (exp)' };
  if (iat === undefined) return { ok: false, reason: 'the token has no issue time (iat)' };
  const nowSeconds = now / 1000;
  if (exp <= nowSeconds) return { ok: false, reason: 'the token has expired' };
  if (iat > nowSeconds + rules.clockSkewSeconds) return { ok: false, reason: 'the token is issued in the future' };
  if (exp - iat > rules.maxLifetimeSeconds) {
    return { ok: false, reason: `the token lives longer than ${rules.maxLifetimeSeconds / 3600} h (exp − iat)` };
  }
  const role = claims['role'];
  const district = claims['district'];
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) return { ok: false, reason: 'the token names no Firstline role' };
  if (typeof district !== 'string' || district.length === 0) return { ok: false, reason: 'the token names no district' };
  const scopes = scopeList(claims['scopes']);
  if (!scopes.ok) return scopes;
  return { ok: true, principal: { subject: String(claims['sub'] ?? ''), role: role as Role, district, scopes: scopes.scopes } };
}

/** The principal of valid claims, else undefined (`readPrincipal` says why). */
export function principalFromClaims(claims: Claims | undefined, now = Date.now()): Principal | undefined {
  const reading = readPrincipal(claims, now);
  return reading.ok ? reading.principal : undefined;
}
