import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { provincialCodePrefix, provincialCodeType } from '@firstline/domain/health-codes/index';

/** A province's signing key for tests, and codes signed with it as the emulator would. */
export async function testProvinceKey(kid = 'province-test-1') {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  const sign = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'EdDSA', typ: provincialCodeType, kid, ...header })
      .sign(privateKey);
    return `${provincialCodePrefix}${jws}`;
  };
  return { publicJwk, sign };
}

export const digest = 'q8S2l0m1Zk3xY7w9vA4bC6dEq8S2l0m1Zk3xY7w9vA4';

export function claimsAt(at: Date, change: Record<string, unknown> = {}) {
  const iat = Math.floor(at.getTime() / 1000) - 60;
  return { ver: '1', iss: '420000', cid: 'code-00000001', idt: '01', idd: digest, col: 'green', iat, exp: iat + 600, ...change };
}

/** A fetch that answers from a handler, counting calls, as the province would over HTTP. */
export function fakeFetch(handler: (url: URL, init: RequestInit) => Promise<Response> | Response) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    calls.push({ url, init });
    return handler(url, init);
  }) as typeof fetch;
  return { fetch: fn, calls };
}

/** A fetch that never answers until its signal aborts, like a province under 10× its peak. */
export function hangingFetch(): typeof fetch {
  return ((_input: RequestInfo | URL, init: RequestInit = {}) => new Promise<Response>((_, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
  })) as typeof fetch;
}

export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
