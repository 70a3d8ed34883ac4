import { importJWK, jwtVerify, SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import * as z from 'zod';
import { roles } from '@firstline/service';

const issuer = 'https://firstline.local/';
const audience = 'firstline';

export const tokenRequest = z.strictObject({
  role: z.enum(roles),
  district: z.string().min(1),
  scopes: z.array(z.string().min(1)).default([]),
  sub: z.string().min(1).optional(),
  /** Seconds until the token expires; tests ask for short or already-expired ones. */
  ttlSeconds: z.int().min(-3600).max(7 * 24 * 3600).default(12 * 3600),
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

  /** The claims of a valid `Bearer` token (issuer, audience, signature, expiry), else undefined. */
  async verify(authorization: string | undefined): Promise<Record<string, string | number | boolean | string[]> | undefined> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return undefined;
    try {
      const { payload } = await jwtVerify(match[1]!, this.#publicKey, { issuer, audience });
      return payload as Record<string, string | number | boolean | string[]>;
    } catch {
      return undefined;
    }
  }
}
