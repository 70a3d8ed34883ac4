import { generateKeyPairSync, sign } from 'node:crypto';
import * as noble from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import type { CodeKeys } from '../src/app/code-verify.ts';
import { verifyCode } from '../src/app/code-verify.ts';

/** A district key pair and codes signed the way the API signs them (compact JWS, EdDSA, typ fl-code). */
function district(kid = 'k1') {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const keys: CodeKeys = { issuer: 'demo', audience: 'firstline-code', keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x!, kid, alg: 'EdDSA' }] };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const issue = (claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => {
    const iat = Math.floor(Date.parse('2026-12-02T08:00:00Z') / 1000);
    const signed = `${b64({ alg: 'EdDSA', typ: 'fl-code', ...header })}.${b64({ sub: 'p_abcdefghijklmnop', jti: 'c1', iss: 'demo', aud: 'firstline-code', iat, exp: iat + 300, col: 'green', ...claims })}`;
    return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
  };
  return { keys, issue };
}

const at = (seconds: number) => new Date(Date.parse('2026-12-02T08:00:00Z') + seconds * 1000);

describe('verifyCode', () => {
  const { keys, issue } = district();

  it('accepts a code the district signed, inside its five minutes, with its colour', async () => {
    const check = await verifyCode(issue({ col: 'yellow' }), keys, at(60));

    expect(check).toEqual({ ok: true, personId: 'p_abcdefghijklmnop', codeId: 'c1', color: 'yellow', expiresAt: at(300) });
  });

  it('refuses a code whose claims were changed after signing (a red code made green)', async () => {
    const [header, , signature] = issue({ col: 'red' }).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'p_abcdefghijklmnop', jti: 'c1', iss: 'demo', aud: 'firstline-code', iat: 1, exp: 9e9, col: 'green' })).toString('base64url')}.${signature}`;

    expect(await verifyCode(forged, keys, at(60))).toEqual({ ok: false, why: 'signature' });
  });

  it("refuses another district's code, even one signed by a key it trusts", async () => {
    expect(await verifyCode(issue({ iss: 'riverside' }), keys, at(60))).toEqual({ ok: false, why: 'issuer' });
    expect(await verifyCode(issue({ aud: 'firstline' }), keys, at(60))).toEqual({ ok: false, why: 'issuer' });
  });

  it('refuses a code signed by a key the district does not list', async () => {
    const other = district();

    expect(await verifyCode(other.issue(), keys, at(60))).toEqual({ ok: false, why: 'signature' });
  });

  it('refuses a code after its five minutes, and one scanned before it was issued', async () => {
    expect(await verifyCode(issue(), keys, at(300))).toEqual({ ok: false, why: 'expired' });
    expect(await verifyCode(issue(), keys, at(-6))).toEqual({ ok: false, why: 'expired' });
    expect((await verifyCode(issue(), keys, at(-4))).ok).toBe(true);
  });

  it('picks the key the header names when the district has rotated keys', async () => {
    const rotated = district('k2');
    const both: CodeKeys = { ...keys, keys: [...keys.keys, ...rotated.keys.keys] };

    expect((await verifyCode(rotated.issue({}, { kid: 'k2' }), both, at(10))).ok).toBe(true);
    expect(await verifyCode(rotated.issue({}, { kid: 'k1' }), both, at(10))).toEqual({ ok: false, why: 'signature' });
  });

  it('reads a code without a colour as valid but colourless (the gate will not let it through offline)', async () => {
    const check = await verifyCode(issue({ col: undefined }), keys, at(10));

    expect(check.ok && check.color).toBeUndefined();
  });

  it.each([
    ['not three parts', 'abc.def'],
    ['not JSON', 'e30.bm90IGpzb24.c2ln'],
    ['another token type', 'header-swap'],
  ])('refuses a malformed code: %s', async (_name, code) => {
    const text = code === 'header-swap' ? issue({}, { typ: 'JWT' }) : code;

    expect(await verifyCode(text, keys, at(10))).toEqual({ ok: false, why: 'malformed' });
  });

  it('gives the same answers through the noble fallback an older phone uses', async () => {
    const viaNoble = (publicKey: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) => noble.verifyAsync(signature, data, publicKey);
    const code = issue();
    const tampered = code.slice(0, -4) + (code.endsWith('AAAA') ? 'BBBB' : 'AAAA');

    expect((await verifyCode(code, keys, at(10), viaNoble)).ok).toBe(true);
    expect(await verifyCode(tampered, keys, at(10), viaNoble)).toEqual({ ok: false, why: 'signature' });
  });
});
