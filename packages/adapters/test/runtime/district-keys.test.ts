import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { codesOf, loadKeys, pseudonymsOf } from '../../src/runtime/district-keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'firstline-keys-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(value));
  return { file: path };
};
const codeSigningKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as JWK;
const { d: _private, ...codePublicKey } = codeSigningKey;
const sources = {
  'pseudonym-key': file('pseudonym', { pseudonymKey: randomBytes(32).toString('base64url') }),
  'code-signing-key': file('signing', { codeSigningKey }),
  'code-public-key': file('public', { codePublicKey }),
};

describe('district keys, one source each', () => {
  it('reads only the keys asked for', async () => {
    const keys = await loadKeys(['code-public-key'], sources);

    expect(keys).toEqual({ codePublicKey });
  });

  it('refuses a declared key without a source, and a private key where the public one belongs', async () => {
    await expect(loadKeys(['code-signing-key'], {})).rejects.toThrow(/declares the code-signing-key but was given no source/);
    await expect(loadKeys(['code-public-key'], { 'code-public-key': file('wrong', { codePublicKey: codeSigningKey }) })).rejects.toThrow(/without "d"/);
  });

  it('verifies with the public key alone what the private key signed, and cannot sign with it', async () => {
    const signer = await codesOf(await loadKeys(['code-signing-key'], sources), 'demo');
    const verifier = await codesOf(await loadKeys(['code-public-key'], sources), 'demo');
    const now = new Date();

    const { code } = await signer.issue('p_abcdefghijklmnopqrstuvwx', 'green', now);

    expect(await verifier.verify(code, now)).toMatchObject({ ok: true, claims: { personId: 'p_abcdefghijklmnopqrstuvwx' } });
    expect(verifier.publicKeys().keys).toEqual([expect.not.objectContaining({ d: expect.anything() })]);
    expect(() => verifier.issue('p_abcdefghijklmnopqrstuvwx', 'green', now)).toThrow(/holds no code-signing-key/);
    expect(() => signer.verify(code, now)).toThrow(/holds no code-public-key/);
  });

  it('makes no person id without the HMAC key, and fingerprints bodies the same way each time', async () => {
    const without = pseudonymsOf({});
    const keyed = pseudonymsOf(await loadKeys(['pseudonym-key'], sources));

    expect(() => without.personId('110101190001010000')).toThrow(/holds no pseudonym-key/);
    expect(without.fingerprint(['a', 'b'])).toBe(without.fingerprint(['a', 'b']));
    expect(without.fingerprint(['a', 'b'])).not.toBe(without.fingerprint(['a', 'c']));
    expect(keyed.personId('110101190001010000')).toMatch(/^p_/);
    expect(keyed.fingerprint(['a', 'b'])).not.toBe(without.fingerprint(['a', 'b']));
  });
});
