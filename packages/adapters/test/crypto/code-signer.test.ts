import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, importJWK, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { CodeSigner, CodeVerifier, codeLifetimeSeconds } from '../../src/crypto/code-signer.ts';

const jwkPair = () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'jwk' }) as JWK;
};
const at = new Date('2020-03-12T09:00:00+08:00');
const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
const part = (code: string, i: number) => JSON.parse(Buffer.from(code.split('.')[i]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const withPart = (code: string, i: number, value: unknown) => code.split('.').map((p, j) => (j === i ? Buffer.from(JSON.stringify(value)).toString('base64url') : p)).join('.');

describe('health codes (compact JWS, EdDSA)', () => {
  const key = jwkPair();

  it('verifies its own code within its five minutes, with the person, the code id and the colour', async () => {
    const signer = await CodeSigner.fromJwk(key, 'demo');
    const { code, expiresAt } = await signer.issue('p_1', 'yellow', at);
    expect(expiresAt).toEqual(later(codeLifetimeSeconds));
    const check = await signer.verify(code, later(60));
    expect(check).toMatchObject({ ok: true, claims: { personId: 'p_1', color: 'yellow', issuedAt: at, expiresAt } });
    expect(part(code, 0)).toEqual({ alg: 'EdDSA', typ: 'fl-code', kid: 'demo-code' });
  });

  it('is a standard JWT: a JOSE library verifies ours, and ours verifies one it signed', async () => {
    const signer = await CodeSigner.fromJwk(key, 'demo');
    const { code } = await signer.issue('p_1', 'green', at);
    const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: key.x! };
    const { payload } = await jwtVerify(code, await importJWK(publicJwk, 'EdDSA'), { issuer: 'demo', audience: 'firstline-code', currentDate: later(1), typ: 'fl-code' });
    expect(payload.sub).toBe('p_1');

    const theirs = await new SignJWT({ col: 'red' }).setProtectedHeader({ alg: 'EdDSA', typ: 'fl-code' }).setSubject('p_2').setIssuer('demo')
      .setAudience('firstline-code').setJti('j-1').setIssuedAt(Math.floor(at.getTime() / 1000)).setExpirationTime(Math.floor(at.getTime() / 1000) + 300)
      .sign(await importJWK(key, 'EdDSA'));
    expect(await (await CodeVerifier.fromPublicJwk(publicJwk, 'demo')).verify(theirs, later(1))).toMatchObject({ ok: true, claims: { personId: 'p_2', color: 'red', codeId: 'j-1' } });
  });

  it('refuses a code at its expiry, before it was issued, signed by another key, altered, or of another district', async () => {
    const signer = await CodeSigner.fromJwk(key, 'demo');
    const { code } = await signer.issue('p_1', 'green', at);
    expect(await signer.verify(code, later(codeLifetimeSeconds))).toEqual({ ok: false, why: 'expired' });
    expect(await signer.verify(code, later(-60))).toEqual({ ok: false, why: 'expired' });
    const forged = await (await CodeSigner.fromJwk(jwkPair(), 'demo')).issue('p_1', 'green', at);
    expect(await signer.verify(forged.code, later(1))).toEqual({ ok: false, why: 'signature' });
    expect(await signer.verify(withPart(code, 1, { ...part(code, 1), col: 'green', sub: 'p_9' }), later(1))).toEqual({ ok: false, why: 'signature' });
    const elsewhere = await (await CodeSigner.fromJwk(key, 'other')).issue('p_1', 'green', at);
    expect(await signer.verify(elsewhere.code, later(1))).toEqual({ ok: false, why: 'malformed' });
  });

  it('calls anything that is not one of its codes malformed, never throws', async () => {
    const signer = await CodeSigner.fromJwk(key, 'demo');
    const { code } = await signer.issue('p_1', 'green', at);
    for (const text of ['', 'abc', 'a.b.c', `${code}.x`, withPart(code, 0, { alg: 'none', typ: 'fl-code' }), withPart(code, 0, { alg: 'EdDSA', typ: 'JWT' }), '🙂.🙂.🙂']) {
      expect(await signer.verify(text, later(1)), text).toMatchObject({ ok: false });
    }
    expect(await signer.verify(withPart(code, 0, { alg: 'none', typ: 'fl-code' }), later(1))).toEqual({ ok: false, why: 'malformed' });
  });

  it('gives a gate the public key only', async () => {
    const keys = (await CodeSigner.fromJwk(key, 'demo')).publicKeys();
    expect(keys.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: key.x, alg: 'EdDSA', use: 'sig', kid: 'demo-code' }]);
  });
});
