import { describe, expect, it } from 'vitest';
import type { SealedPhone } from '@firstline/domain';
import { generateContactKeyPair, LocalPhoneOpener, LocalPhoneSealer } from '../../src/crypto/local-phone-key.ts';
import { SealedPhoneRejected } from '../../src/crypto/phone-envelope.ts';

const phone = '13812345678';
const pair = generateContactKeyPair();
const sealer = LocalPhoneSealer.fromPublicJwk(pair.publicJwk, 'demo');
const opener = LocalPhoneOpener.fromPrivateJwk(pair.privateJwk, 'demo');

/** The field with one bit of its decoded bytes flipped (at `at` bytes in). */
const flipped = (field: string, at = 0) => {
  const bytes = Buffer.from(field, 'base64url');
  bytes[at % bytes.length]! ^= 0x01;
  return bytes.toString('base64url');
};

describe('local contact key (X25519 + HKDF + AES-256-GCM)', () => {
  it('opens with the private key what the public key sealed', async () => {
    const sealed = await sealer.seal(phone);

    expect(await opener.open(sealed)).toBe(phone);
  });

  it('holds no trace of the number, and seals it differently each time (fresh data key, IV, ephemeral key)', async () => {
    const [a, b] = [await sealer.seal(phone), await sealer.seal(phone)];

    for (const field of Object.values(a)) expect(Buffer.from(field, 'base64url').toString('latin1')).not.toContain(phone.slice(3));
    expect(JSON.stringify(a)).not.toContain(phone.slice(3));
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.iv).not.toBe(b.iv);
    expect(a.wrappedKey.slice(0, 43)).not.toBe(b.wrappedKey.slice(0, 43));
    // ephemeral public key (32) ‖ iv (12) ‖ tag (16) ‖ wrapped data key (32)
    expect(Buffer.from(a.wrappedKey, 'base64url')).toHaveLength(92);
    expect(Buffer.from(a.iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64url')).toHaveLength(16);
  });

  it('refuses a sealed number with any field altered, cut short or swapped for another number\'s', async () => {
    const sealed = await sealer.seal(phone);
    const other = await sealer.seal('13900000000');
    const fields = ['ciphertext', 'iv', 'tag', 'wrappedKey'] as const;
    const altered: SealedPhone[] = [
      ...fields.map((field) => ({ ...sealed, [field]: flipped(sealed[field]) })),
      // every part of the wrapped key: the ephemeral key, the IV, the tag, the wrapped data key
      ...[0, 40, 50, 70].map((at) => ({ ...sealed, wrappedKey: flipped(sealed.wrappedKey, at) })),
      ...fields.map((field) => ({ ...sealed, [field]: sealed[field].slice(0, -2) })),
      ...fields.map((field) => ({ ...sealed, [field]: other[field] })),
      ...fields.map((field) => ({ ...sealed, [field]: '' })),
      { ...sealed, ciphertext: `${sealed.ciphertext}!` },
    ];
    for (const bad of altered) await expect(opener.open(bad), JSON.stringify(bad)).rejects.toBeInstanceOf(SealedPhoneRejected);
  });

  it('refuses a number sealed for another district, even under the same key pair', async () => {
    const elsewhere = await LocalPhoneSealer.fromPublicJwk(pair.publicJwk, 'riverside').seal(phone);

    await expect(opener.open(elsewhere)).rejects.toBeInstanceOf(SealedPhoneRejected);
    expect(await LocalPhoneOpener.fromPrivateJwk(pair.privateJwk, 'riverside').open(elsewhere)).toBe(phone);
  });

  it('refuses a number sealed to another key pair', async () => {
    const otherPair = generateContactKeyPair();
    const sealed = await LocalPhoneSealer.fromPublicJwk(otherPair.publicJwk, 'demo').seal(phone);

    await expect(opener.open(sealed)).rejects.toBeInstanceOf(SealedPhoneRejected);
  });

  it('never holds the private key: a sealer refuses a JWK with "d", and keeps nothing an inspector could read', async () => {
    expect(() => LocalPhoneSealer.fromPublicJwk(pair.privateJwk, 'demo')).toThrow(/public contact key only/);
    expect(pair.publicJwk).not.toHaveProperty('d');
    expect(Object.keys(sealer)).toEqual([]);
    expect(JSON.stringify(sealer)).not.toContain(pair.privateJwk.d);
    expect(sealer).not.toHaveProperty('open');
  });

  it('refuses keys that are not X25519', () => {
    expect(() => LocalPhoneSealer.fromPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: pair.publicJwk.x }, 'demo')).toThrow(/X25519/);
    expect(() => LocalPhoneSealer.fromPublicJwk({ kty: 'OKP', crv: 'X25519', x: 'short' }, 'demo')).toThrow(/X25519/);
    expect(() => LocalPhoneOpener.fromPrivateJwk(pair.publicJwk, 'demo')).toThrow(/with "d"/);
  });

  it('never puts the number in an error', async () => {
    const sealed = await sealer.seal(phone);
    const error = await opener.open({ ...sealed, tag: flipped(sealed.tag) }).then(() => { throw new Error('it did not fail'); }, (e: unknown) => e as Error);

    expect(error.message).not.toContain(phone);
    await expect(sealer.seal('')).rejects.toThrow(/no phone number/);
  });
});
