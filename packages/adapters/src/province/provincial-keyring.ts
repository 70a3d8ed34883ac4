import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import type { ProvincialKeyring, ProvincialVerification } from '@firstline/domain/health-codes/index';
import { provincialCodePrefix, provincialCodeType, provincialCodeValidAt, readProvincialClaims } from '@firstline/domain/health-codes/index';

export interface KeyringOptions {
  /** The province's issuer (GB/T 2260 division code): a code from another issuer is not this province's. */
  readonly issuer: string;
  /** Keys pinned in the district's configuration: the offline check works from the first scan, province up or down. */
  readonly keys: readonly JWK[];
  /** Fetches the province's current keys (a new key after a rotation); absent: pinned keys only. */
  readonly fetchKeys?: () => Promise<{ issuer: string; keys: readonly Record<string, unknown>[] }>;
  /** Least time between two fetches, so codes with unknown key ids cannot make every scan call the province. */
  readonly refreshEveryMs?: number;
  readonly now?: () => number;
}

/**
 * The province's public keys, cached, and the offline check of its signed codes with them: the
 * signature (Ed25519, the right `typ`, a known key id), the claims, the issuer and the validity at
 * `at`. A code signed with a key the cache does not hold triggers one fetch of the key set, at most
 * every `refreshEveryMs`; while the province is down the cached keys are all there is.
 */
export class JwsProvincialKeyring implements ProvincialKeyring {
  readonly #options: KeyringOptions;
  readonly #keys = new Map<string, Promise<CryptoKey>>();
  #lastFetch = Number.NEGATIVE_INFINITY;
  #fetching: Promise<void> | undefined;

  constructor(options: KeyringOptions) {
    this.#options = options;
    this.#add(options.keys);
  }

  /** Key ids held now. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  #add(keys: readonly Record<string, unknown>[]): void {
    for (const jwk of keys) {
      const { kid, kty, crv, x } = jwk;
      // Only public Ed25519 keys: a set that carried a private part or another algorithm is ignored.
      if (typeof kid !== 'string' || kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string' || 'd' in jwk) continue;
      if (!this.#keys.has(kid)) this.#keys.set(kid, importJWK({ kty, crv, x }, 'EdDSA') as Promise<CryptoKey>);
    }
  }

  /** Fetches the key set once, if the last fetch is old enough; a failure keeps the cached keys. */
  async refresh(force = false): Promise<void> {
    const { fetchKeys, refreshEveryMs = 60_000, now = Date.now } = this.#options;
    if (!fetchKeys || (!force && now() - this.#lastFetch < refreshEveryMs)) return;
    this.#fetching ??= (async () => {
      this.#lastFetch = now();
      try {
        const set = await fetchKeys();
        if (set.issuer === this.#options.issuer) this.#add(set.keys);
      } catch {
        // The province is unreachable: the cached keys stay, which is what the fallback is for.
      } finally {
        this.#fetching = undefined;
      }
    })();
    await this.#fetching;
  }

  async verifyOffline(code: string, at: Date): Promise<ProvincialVerification> {
    if (!code.startsWith(provincialCodePrefix)) return { ok: false, why: 'malformed' };
    const jws = code.slice(provincialCodePrefix.length);
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(jws);
      if (header.alg !== 'EdDSA' || header.typ !== provincialCodeType || typeof header.kid !== 'string') return { ok: false, why: 'malformed' };
      kid = header.kid;
    } catch {
      return { ok: false, why: 'malformed' };
    }
    if (!this.#keys.has(kid)) await this.refresh();
    const key = this.#keys.get(kid);
    if (!key) return { ok: false, why: 'signature' };
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, await key, { algorithms: ['EdDSA'] }));
    } catch {
      return { ok: false, why: 'signature' };
    }
    let claims: unknown;
    try {
      claims = JSON.parse(new TextDecoder().decode(payload));
    } catch {
      return { ok: false, why: 'malformed' };
    }
    if (typeof claims !== 'object' || claims === null) return { ok: false, why: 'malformed' };
    const read = readProvincialClaims(claims as Record<string, unknown>);
    if (!read.ok || read.code.issuer !== this.#options.issuer) return { ok: false, why: 'malformed' };
    if (!provincialCodeValidAt(read.code, at)) return { ok: false, why: 'expired' };
    return { ok: true, code: read.code };
  }
}
