import { createHmac, randomUUID } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { CodeColor } from '@firstline/domain';
import type { ProvincialCodeClaims } from '@firstline/domain/health-codes/index';
import { provincialCodePrefix, provincialCodeType, provincialCodeValidAt, readProvincialClaims } from '@firstline/domain/health-codes/index';

/** The province's ID-number digest (its definition, which accredited systems compute the same way). */
export function idDigest(identitySalt: string, idNumber: string): string {
  return createHmac('sha256', identitySalt).update(`id:${idNumber.trim().toUpperCase()}`).digest('base64url');
}

/** Signs and checks the province's health codes (GB/T 38962-shaped claims in a compact JWS). */
export class ProvincialCodes {
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;
  readonly #kid: string;
  readonly issuer: string;
  readonly lifetimeSeconds: number;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey, kid: string, issuer: string, lifetimeSeconds: number) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.#kid = kid;
    this.issuer = issuer;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  static async fromJwk(jwk: JWK, issuer: string, lifetimeSeconds: number): Promise<ProvincialCodes> {
    const { kty, crv, x, kid } = jwk;
    const privateKey = (await importJWK(jwk, 'EdDSA')) as CryptoKey;
    const publicKey = (await importJWK({ kty, crv, x }, 'EdDSA')) as CryptoKey;
    return new ProvincialCodes(privateKey, publicKey, String(kid), issuer, lifetimeSeconds);
  }

  async issue(digest: string, color: CodeColor, now: Date): Promise<{ code: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: ProvincialCodeClaims = {
      ver: '1', iss: this.issuer, cid: randomUUID(), idt: '01', idd: digest, col: color, iat, exp: iat + this.lifetimeSeconds,
    };
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'EdDSA', typ: provincialCodeType, kid: this.#kid })
      .sign(this.#privateKey);
    return { code: `${provincialCodePrefix}${jws}`, expiresAt: new Date(claims.exp * 1000) };
  }

  /** The claims of one of our codes valid at `at`, or why not. */
  async check(code: string, at: Date): Promise<{ ok: true; claims: ProvincialCodeClaims } | { ok: false; why: 'signature' | 'expired' | 'malformed' }> {
    if (!code.startsWith(provincialCodePrefix)) return { ok: false, why: 'malformed' };
    const jws = code.slice(provincialCodePrefix.length);
    try {
      const header = decodeProtectedHeader(jws);
      if (header.typ !== provincialCodeType || header.kid !== this.#kid) return { ok: false, why: header.typ === provincialCodeType ? 'signature' : 'malformed' };
    } catch {
      return { ok: false, why: 'malformed' };
    }
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, this.#publicKey, { algorithms: ['EdDSA'] }));
    } catch {
      return { ok: false, why: 'signature' };
    }
    let claims: Record<string, unknown>;
    try {
      claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    } catch {
      return { ok: false, why: 'malformed' };
    }
    const read = readProvincialClaims(claims);
    if (!read.ok || read.code.issuer !== this.issuer) return { ok: false, why: 'malformed' };
    if (!provincialCodeValidAt(read.code, at)) return { ok: false, why: 'expired' };
    return { ok: true, claims: claims as unknown as ProvincialCodeClaims };
  }
}
