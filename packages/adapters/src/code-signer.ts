import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK, jwtVerify, errors } from 'jose';
import type { CryptoKey, JWK } from 'jose';

/** A health code token is valid this long after it is issued (API.md). */
export const codeLifetimeSeconds = 300;

export interface CodeClaims {
  readonly personId: string;
  /** Unique per issued code: the scans route spends it once. */
  readonly codeId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

export type CodeCheck = { readonly ok: true; readonly claims: CodeClaims } | { readonly ok: false; readonly why: 'signature' | 'expired' | 'malformed' };

const audience = 'firstline-code';

/** Signs and verifies health codes with the district's Ed25519 key (asymmetric, so verification could move to the scanner). */
export class CodeSigner {
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;
  readonly #district: string;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey, district: string) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.#district = district;
  }

  static async fromJwk(jwk: JWK, district: string): Promise<CodeSigner> {
    const { d: _private, ...publicJwk } = jwk;
    const privateKey = (await importJWK(jwk, 'EdDSA')) as CryptoKey;
    const publicKey = (await importJWK(publicJwk as JWK, 'EdDSA')) as CryptoKey;
    return new CodeSigner(privateKey, publicKey, district);
  }

  async issue(personId: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + codeLifetimeSeconds) * 1000);
    const code = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', typ: 'fl-code' })
      .setSubject(personId)
      .setIssuer(this.#district)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + codeLifetimeSeconds)
      .sign(this.#privateKey);
    return { code, expiresAt };
  }

  /** Valid means: our signature, this district, and `at` (the scan time) inside the code's 5 minutes. */
  async verify(code: string, at: Date): Promise<CodeCheck> {
    try {
      const { payload } = await jwtVerify(code, this.#publicKey, {
        issuer: this.#district,
        audience,
        currentDate: at,
        typ: 'fl-code',
      });
      if (!payload.sub || !payload.jti || payload.iat === undefined || payload.exp === undefined) return { ok: false, why: 'malformed' };
      // A code is not valid before it was issued: a scan time earlier than iat is a forged clock.
      if (at.getTime() < payload.iat * 1000 - 5_000) return { ok: false, why: 'expired' };
      return {
        ok: true,
        claims: { personId: payload.sub, codeId: payload.jti, issuedAt: new Date(payload.iat * 1000), expiresAt: new Date(payload.exp * 1000) },
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, why: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, why: 'signature' };
      return { ok: false, why: 'malformed' };
    }
  }
}
