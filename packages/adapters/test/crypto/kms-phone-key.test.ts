import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KmsClientLike } from '../../src/crypto/kms-phone-key.ts';
import { contactEncryptionContext, KmsPhoneOpener, KmsPhoneSealer } from '../../src/crypto/kms-phone-key.ts';
import { SealedPhoneRejected } from '../../src/crypto/phone-envelope.ts';

const keyId = 'arn:aws:kms:cn-north-1:111122223333:key/0f0e0d0c-contact';
const phone = '13812345678';

/**
 * KMS as far as these adapters see it: GenerateDataKey returns a fresh key and its "ciphertext"
 * (the key under a master key, with the encryption context bound in); Decrypt reverses it only for
 * the same key id and context, as KMS would. Every command is kept.
 */
function fakeKms() {
  const master = randomBytes(32);
  const sent: (GenerateDataKeyCommand | DecryptCommand)[] = [];
  const context = (ctx: Record<string, string> | undefined) => Buffer.from(JSON.stringify(ctx ?? {}));
  const client: KmsClientLike = {
    async send(command) {
      sent.push(command);
      if (command instanceof GenerateDataKeyCommand) {
        const plaintext = randomBytes(32);
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', master, iv).setAAD(Buffer.concat([Buffer.from(command.input.KeyId!), context(command.input.EncryptionContext)]));
        const blob = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
        return { Plaintext: new Uint8Array(plaintext), CiphertextBlob: new Uint8Array(blob) };
      }
      const blob = Buffer.from(command.input.CiphertextBlob!);
      try {
        const decipher = createDecipheriv('aes-256-gcm', master, blob.subarray(0, 12))
          .setAAD(Buffer.concat([Buffer.from(command.input.KeyId ?? ''), context(command.input.EncryptionContext)]))
          .setAuthTag(blob.subarray(-16));
        return { Plaintext: new Uint8Array(Buffer.concat([decipher.update(blob.subarray(12, -16)), decipher.final()])) };
      } catch {
        throw Object.assign(new Error('InvalidCiphertextException'), { name: 'InvalidCiphertextException' });
      }
    },
  };
  return { client, sent };
}

describe('KMS contact key (GenerateDataKey / Decrypt)', () => {
  it('a real KMSClient fits the client the adapters take', () => {
    const client: KmsClientLike = new KMSClient({ region: 'cn-north-1' });
    expect(client).toBeDefined();
  });

  it('seals with one GenerateDataKey (AES_256, the district\'s encryption context) and never calls Decrypt', async () => {
    const kms = fakeKms();
    const sealer = new KmsPhoneSealer({ client: kms.client, keyId, district: 'demo' });

    const sealed = await sealer.seal(phone);
    await sealer.seal('13900000000');

    expect(kms.sent).toHaveLength(2);
    for (const command of kms.sent) {
      expect(command).toBeInstanceOf(GenerateDataKeyCommand);
      expect(command.input).toEqual({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: { district: 'demo', purpose: 'contact' } });
    }
    expect(kms.sent.some((c) => c instanceof DecryptCommand)).toBe(false);
    expect(sealer).not.toHaveProperty('open');
    expect(JSON.stringify(sealed)).not.toContain(phone.slice(3));
  });

  it('opens with one Decrypt of the wrapped key, pinned to the key id and the same encryption context', async () => {
    const kms = fakeKms();
    const sealed = await new KmsPhoneSealer({ client: kms.client, keyId, district: 'demo' }).seal(phone);
    kms.sent.length = 0;

    expect(await new KmsPhoneOpener({ client: kms.client, keyId, district: 'demo' }).open(sealed)).toBe(phone);
    expect(kms.sent).toHaveLength(1);
    expect(kms.sent[0]).toBeInstanceOf(DecryptCommand);
    expect(kms.sent[0]!.input).toEqual({
      CiphertextBlob: Buffer.from(sealed.wrappedKey, 'base64url'),
      KeyId: keyId,
      EncryptionContext: contactEncryptionContext('demo'),
    });
  });

  it('refuses a number of another district (KMS refuses the context) and an altered number (GCM refuses it)', async () => {
    const kms = fakeKms();
    const sealed = await new KmsPhoneSealer({ client: kms.client, keyId, district: 'riverside' }).seal(phone);
    const opener = new KmsPhoneOpener({ client: kms.client, keyId, district: 'demo' });

    await expect(opener.open(sealed)).rejects.toBeInstanceOf(SealedPhoneRejected);
    const ours = await new KmsPhoneSealer({ client: kms.client, keyId, district: 'demo' }).seal(phone);
    const flip = (s: string) => { const b = Buffer.from(s, 'base64url'); b[0]! ^= 1; return b.toString('base64url'); };
    for (const field of ['ciphertext', 'iv', 'tag', 'wrappedKey'] as const) {
      await expect(opener.open({ ...ours, [field]: flip(ours[field]) }), field).rejects.toBeInstanceOf(SealedPhoneRejected);
    }
  });

  it('lets a passing KMS failure through as itself, so the caller retries', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const kms = fakeKms();
    const sealed = await new KmsPhoneSealer({ client: kms.client, keyId, district: 'demo' }).seal(phone);
    const opener = new KmsPhoneOpener({ client: { send: () => Promise.reject(throttled) }, keyId, district: 'demo' });

    await expect(opener.open(sealed)).rejects.toBe(throttled);
  });

  it('refuses a GenerateDataKey answer without a 32-byte key', async () => {
    const sealer = new KmsPhoneSealer({ client: { send: async () => ({ Plaintext: new Uint8Array(16), CiphertextBlob: new Uint8Array(8) }) }, keyId, district: 'demo' });

    await expect(sealer.seal(phone)).rejects.toThrow(/no AES-256 data key/);
  });
});
