/// <reference lib="dom" />

export type CodeColor = 'green' | 'yellow' | 'red';

/** `GET /v1/keys/codes`: the public keys that verify the district's codes. */
export interface CodeKeys {
  readonly issuer: string;
  readonly audience: string;
  readonly keys: readonly { readonly kty: string; readonly crv: string; readonly x: string; readonly kid?: string; readonly alg?: string }[];
}

export type CodeCheck =
  | { readonly ok: true; readonly personId: string; readonly codeId: string; readonly color: CodeColor | undefined; readonly expiresAt: Date }
  | { readonly ok: false; readonly why: 'malformed' | 'signature' | 'expired' | 'issuer' };

/** Clock skew the server itself allows between a code's `iat` and the scan time. */
const issueSkewMs = 5_000;

const decoder = new TextDecoder();

export function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function parsePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(base64UrlBytes(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims of a code without checking anything: what a gate shows while it checks. */
export function readCode(code: string): { header: Record<string, unknown>; claims: Record<string, unknown>; signed: string; signature: string } | undefined {
  const parts = code.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  const header = parsePart(h);
  const claims = parsePart(p);
  return header && claims ? { header, claims, signed: `${h}.${p}`, signature: s } : undefined;
}

export type Ed25519Verify = (publicKey: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) => Promise<boolean>;

const importedKeys = new Map<string, CryptoKey>();
let webCrypto = true;

/**
 * Ed25519 through WebCrypto (Chrome 137+, Safari 17+, Firefox 129+); on an older phone, the
 * small audited noble library, loaded only then.
 */
export const ed25519Verify: Ed25519Verify = async (publicKey, signature, data) => {
  if (webCrypto) {
    try {
      const id = String.fromCharCode(...publicKey);
      let key = importedKeys.get(id);
      if (!key) {
        key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
        importedKeys.set(id, key);
      }
      return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, data);
    } catch (error) {
      // A browser without Ed25519 says NotSupportedError; anything else is a bad key or signature.
      if (!(error instanceof DOMException && error.name === 'NotSupportedError')) return false;
      webCrypto = false;
    }
  }
  const noble = await import('@noble/ed25519');
  return noble.verifyAsync(signature, data, publicKey);
};

/**
 * What a gate can know offline from the code alone: signed by one of the district's keys, for
 * this district and audience, inside its five minutes at `at`, and the colour it was issued with.
 * Single use is the server's to check when the backlog uploads.
 */
export async function verifyCode(code: string, keys: CodeKeys, at: Date, verify: Ed25519Verify = ed25519Verify): Promise<CodeCheck> {
  const read = readCode(code);
  if (!read) return { ok: false, why: 'malformed' };
  const { header, claims } = read;
  if (header['alg'] !== 'EdDSA' || header['typ'] !== 'fl-code') return { ok: false, why: 'malformed' };
  const { sub, jti, iat, exp, iss, aud, col } = claims;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return { ok: false, why: 'malformed' };
  const candidates = keys.keys.filter((k) => k.kty === 'OKP' && k.crv === 'Ed25519' && (header['kid'] === undefined || k.kid === header['kid']));
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64UrlBytes(read.signature);
  } catch {
    return { ok: false, why: 'malformed' };
  }
  const data = new TextEncoder().encode(read.signed);
  let valid = false;
  for (const key of candidates) {
    if (await verify(base64UrlBytes(key.x), signature, data).catch(() => false)) {
      valid = true;
      break;
    }
  }
  if (!valid) return { ok: false, why: 'signature' };
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (iss !== keys.issuer || !audiences.includes(keys.audience)) return { ok: false, why: 'issuer' };
  if (at.getTime() >= exp * 1000 || at.getTime() < iat * 1000 - issueSkewMs) return { ok: false, why: 'expired' };
  const color = col === 'green' || col === 'yellow' || col === 'red' ? col : undefined;
  return { ok: true, personId: sub, codeId: jti, color, expiresAt: new Date(exp * 1000) };
}
