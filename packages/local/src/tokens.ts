import { errors, importJWK, jwtVerify, SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import * as z from 'zod';
import { roles, tokenRules } from '@firstline/service';

const issuer = 'https://firstline.local/';
/** One id (API.md's id shape) or `*`. */
const scopeShape = /^(?:\*|[A-Za-z0-9][A-Za-z0-9._:-]{0,63})$/;
const audience = 'firstline';

export const tokenRequest = z.strictObject({
  role: z.enum(roles),
  district: z.string().min(1),
  /**
   * Not checked for shape here: an identity provider can be misconfigured, and the stack must
   * refuse what it issues then (the gateway's check below, the function's in `readPrincipal`).
   */
  scopes: z.array(z.string().min(1)).default([]),
  sub: z.string().min(1).optional(),
  /**
   * Seconds until the token expires; tests ask for short or already-expired ones, and for ones
   * longer than the stack accepts (`tokenRules.maxLifetimeSeconds`), which it then refuses.
   */
  ttlSeconds: z.int().min(-3600).max(7 * 24 * 3600).default(tokenRules.maxLifetimeSeconds),
});
export type TokenRequest = z.input<typeof tokenRequest>;

/** Stands in for a district's identity provider: signs tokens and checks them like the JWT authorizer. */
export class TokenAuthority {
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
  }

  static async fromJwk(jwk: JWK): Promise<TokenAuthority> {
    const { d: _d, ...publicJwk } = jwk;
    return new TokenAuthority((await importJWK(jwk, 'EdDSA')) as CryptoKey, (await importJWK(publicJwk, 'EdDSA')) as CryptoKey);
  }

  async sign(request: TokenRequest): Promise<string> {
    const { role, district, scopes, sub, ttlSeconds } = tokenRequest.parse(request);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role, district, scopes })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(sub ?? `${role}:${scopes.join(',') || 'district'}`)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.#privateKey);
  }

  /**
   * The claims of a valid `Bearer` token, else why not. What the cloud's JWT authorizer checks
   * (signature, issuer, audience, `exp` and `nbf`, `iat` not ahead of now), and what the local
   * identity provider's tokens must be besides, as API.md asks of every token: `exp` and `iat`
   * present, a lifetime of at most `tokenRules.maxLifetimeSeconds`, and `scopes`, if any, an array
   * of ids — the gateway flattens arrays into API Gateway's `[a b]` string, which must not turn one
   * scope holding a space into two.
   */
  async verify(authorization: string | undefined): Promise<{ claims: Record<string, string | number | boolean | string[]> } | { refused: string }> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { refused: 'a valid bearer token is required' };
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(match[1]!, this.#publicKey, { issuer, audience, requiredClaims: ['exp', 'iat'], clockTolerance: 0 }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { refused: 'the token has expired' };
      if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'missing') return { refused: `the token has no ${error.claim}` };
      return { refused: 'a valid bearer token is required' };
    }
    const { exp, iat, scopes } = payload as { exp: number; iat: number; scopes?: unknown };
    if (iat > Date.now() / 1000 + tokenRules.clockSkewSeconds) return { refused: 'the token is issued in the future' };
    if (exp - iat > tokenRules.maxLifetimeSeconds) return { refused: `the token lives longer than ${tokenRules.maxLifetimeSeconds / 3600} h (exp − iat)` };
    if (scopes !== undefined && !(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string' && scopeShape.test(s)))) {
      return { refused: 'the scopes claim must be an array of ids' };
    }
    return { claims: payload as Record<string, string | number | boolean | string[]> };
  }
}
