import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import type { JWK } from 'jose';
import type { CodeCheck, CodeColor, CodeIssuer, CodeVerificationKeys, PublicCodeKey } from '@firstline/domain';

/** A health code token is valid this long after it is issued (API.md). */
export const codeLifetimeSeconds = 300;

const audience = 'firstline-code';
const typ = 'fl-code';
const colors: readonly unknown[] = ['green', 'yellow', 'red'];

/*
 * Codes are compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037), made and checked with
 * node:crypto: a code is one fixed header and a handful of claims, and a JOSE library was 21 KB of
 * every function that verifies scans.
 */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Verifies health codes with the public half of the district's Ed25519 key: what a gate's scans
 * need, and what a gate offline is given. It can never sign.
 */
export class CodeVerifier {
  readonly #publicKey: KeyObject;
  readonly #district: string;
  readonly #publicJwk: PublicCodeKey;

  private constructor(publicKey: KeyObject, district: string, publicJwk: PublicCodeKey) {
    this.#publicKey = publicKey;
    this.#district = district;
    this.#publicJwk = publicJwk;
  }

  static async fromPublicJwk(jwk: JWK, district: string): Promise<CodeVerifier> {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('the code key must be an Ed25519 JWK');
    const publicJwk: PublicCodeKey = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, alg: 'EdDSA', use: 'sig', kid: `${district}-code` };
    return new CodeVerifier(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }), district, publicJwk);
  }

  get kid(): string {
    return this.#publicJwk.kid;
  }

  /**
   * Valid means: our signature, this district, and `at` (the scan time) inside the code's 5 minutes
   * (expired from `exp` on, as JWT validators count it).
   */
  async verify(code: string, at: Date): Promise<CodeCheck> {
    const [header, body, signature, ...rest] = code.split('.');
    const protectedHeader = decode(header);
    if (rest.length > 0 || signature === undefined || protectedHeader?.['alg'] !== 'EdDSA' || protectedHeader['typ'] !== typ) return { ok: false, why: 'malformed' };
    if (!verify(null, Buffer.from(`${header}.${body}`), this.#publicKey, Buffer.from(signature, 'base64url'))) return { ok: false, why: 'signature' };
    const payload = decode(body);
    if (!payload || payload['iss'] !== this.#district || payload['aud'] !== audience) return { ok: false, why: 'malformed' };
    const { sub, jti, iat, exp } = payload;
    if (!isString(sub) || !isString(jti) || !isSeconds(iat) || !isSeconds(exp)) return { ok: false, why: 'malformed' };
    if (exp <= Math.floor(at.getTime() / 1000)) return { ok: false, why: 'expired' };
    // A code is not valid before it was issued: a scan time earlier than iat is a forged clock.
    if (at.getTime() < iat * 1000 - 5_000) return { ok: false, why: 'expired' };
    return {
      ok: true,
      claims: {
        personId: sub, codeId: jti, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000),
        color: colors.includes(payload['col']) ? (payload['col'] as CodeColor) : undefined,
      },
    };
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
  readonly #privateKey: KeyObject;
  readonly #district: string;
  readonly #verifier: CodeVerifier;

  private constructor(privateKey: KeyObject, district: string, verifier: CodeVerifier) {
    this.#privateKey = privateKey;
    this.#district = district;
    this.#verifier = verifier;
  }

  static async fromJwk(jwk: JWK, district: string): Promise<CodeSigner> {
    const { d: _private, ...publicJwk } = jwk;
    const verifier = await CodeVerifier.fromPublicJwk(publicJwk as JWK, district);
    return new CodeSigner(createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! }, format: 'jwk' }), district, verifier);
  }

  /** The colour rides in the code (`col`) so that a gate offline can show it provisionally. */
  async issue(personId: string, color: CodeColor, now: Date): Promise<{ code: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + codeLifetimeSeconds) * 1000);
    const claims = { col: color, sub: personId, iss: this.#district, aud: audience, jti: randomUUID(), iat: issuedAt, exp: issuedAt + codeLifetimeSeconds };
    const signed = `${encode({ alg: 'EdDSA', typ, kid: this.#verifier.kid })}.${encode(claims)}`;
    const code = `${signed}.${sign(null, Buffer.from(signed), this.#privateKey).toString('base64url')}`;
    return { code, expiresAt };
  }

  verify(code: string, at: Date): Promise<CodeCheck> {
    return this.#verifier.verify(code, at);
  }

  publicKeys(): CodeVerificationKeys {
    return this.#verifier.publicKeys();
  }
}
