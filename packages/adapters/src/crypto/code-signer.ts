import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK, jwtVerify, errors } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { CodeCheck, CodeColor, CodeIssuer, CodeVerificationKeys, PublicCodeKey } from '@firstline/domain';

/** A health code token is valid this long after it is issued (API.md). */
export const codeLifetimeSeconds = 300;

const audience = 'firstline-code';
const colors: readonly unknown[] = ['green', 'yellow', 'red'];

/**
 * Verifies health codes with the public half of the district's Ed25519 key: what a gate's scans
 * need, and what a gate offline is given. It can never sign.
 */
export class CodeVerifier {
  readonly #publicKey: CryptoKey;
  readonly #district: string;
  readonly #publicJwk: PublicCodeKey;

  private constructor(publicKey: CryptoKey, district: string, publicJwk: PublicCodeKey) {
    this.#publicKey = publicKey;
    this.#district = district;
    this.#publicJwk = publicJwk;
  }

  static async fromPublicJwk(jwk: JWK, district: string): Promise<CodeVerifier> {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('the code key must be an Ed25519 JWK');
    const publicJwk: PublicCodeKey = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, alg: 'EdDSA', use: 'sig', kid: `${district}-code` };
    return new CodeVerifier((await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA')) as CryptoKey, district, publicJwk);
  }

  get kid(): string {
    return this.#publicJwk.kid;
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
        claims: {
          personId: payload.sub, codeId: payload.jti, issuedAt: new Date(payload.iat * 1000), expiresAt: new Date(payload.exp * 1000),
          color: colors.includes(payload['col']) ? (payload['col'] as CodeColor) : undefined,
        },
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, why: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, why: 'signature' };
      return { ok: false, why: 'malformed' };
    }
  }

  /** What a gate needs to verify codes itself: the public key only. */
  publicKeys(): CodeVerificationKeys {
    return { issuer: this.#district, audience, keys: [this.#publicJwk] };
  }
}

/**
 * Signs health codes with the district's Ed25519 private key (asymmetric, so verification needs
 * only the public half: `CodeVerifier`). Only the code-issuing function holds it.
 */
export class CodeSigner implements CodeIssuer {
  readonly #privateKey: CryptoKey;
  readonly #district: string;
  readonly #verifier: CodeVerifier;

  private constructor(privateKey: CryptoKey, district: string, verifier: CodeVerifier) {
    this.#privateKey = privateKey;
    this.#district = district;
    this.#verifier = verifier;
  }

  static async fromJwk(jwk: JWK, district: string): Promise<CodeSigner> {
    const { d: _private, ...publicJwk } = jwk;
    const verifier = await CodeVerifier.fromPublicJwk(publicJwk as JWK, district);
    return new CodeSigner((await importJWK(jwk, 'EdDSA')) as CryptoKey, district, verifier);
  }

  /** The colour rides in the code (`col`) so that a gate offline can show it provisionally. */
  async issue(personId: string, color: CodeColor, now: Date): Promise<{ code: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + codeLifetimeSeconds) * 1000);
    const code = await new SignJWT({ col: color })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'fl-code', kid: this.#verifier.kid })
      .setSubject(personId)
      .setIssuer(this.#district)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + codeLifetimeSeconds)
      .sign(this.#privateKey);
    return { code, expiresAt };
  }

  verify(code: string, at: Date): Promise<CodeCheck> {
    return this.#verifier.verify(code, at);
  }

  publicKeys(): CodeVerificationKeys {
    return this.#verifier.publicKeys();
  }
}
