import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envNames } from '@firstline/service/env';
import { KmsPhoneOpener, KmsPhoneSealer } from '../../src/crypto/kms-phone-key.ts';
import { generateContactKeyPair, LocalPhoneOpener, LocalPhoneSealer } from '../../src/crypto/local-phone-key.ts';
import { phoneOpenerAt, phoneSealerAt } from '../../src/crypto/phone-keys.ts';

const dir = mkdtempSync(join(tmpdir(), 'firstline-contact-'));
const file = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const pair = generateContactKeyPair();
const sealFile = file('seal.json', { publicKey: pair.publicJwk });
const openFile = file('open.json', { privateKey: pair.privateJwk });

describe('contact keys where a function was given them', () => {
  it('uses KMS for a key id', async () => {
    expect(await phoneSealerAt({ keyId: 'alias/firstline/demo/contact' }, 'demo')).toBeInstanceOf(KmsPhoneSealer);
    expect(await phoneOpenerAt({ keyId: 'alias/firstline/demo/contact' }, 'demo')).toBeInstanceOf(KmsPhoneOpener);
  });

  it('uses each function\'s half of the local key pair otherwise, and the halves work together', async () => {
    const sealer = await phoneSealerAt({ file: sealFile }, 'demo');
    const opener = await phoneOpenerAt({ file: openFile }, 'demo');

    expect(sealer).toBeInstanceOf(LocalPhoneSealer);
    expect(opener).toBeInstanceOf(LocalPhoneOpener);
    expect(await opener.open(await sealer.seal('13812345678'))).toBe('13812345678');
  });

  it('refuses a sealer given the private key, a file of the wrong half, and no key at all', async () => {
    const both = file('both.json', { publicKey: pair.publicJwk, privateKey: pair.privateJwk });
    await expect(phoneSealerAt({ file: both }, 'demo')).rejects.toThrow(/public key only/);
    await expect(phoneSealerAt({ file: file('private-as-public.json', { publicKey: pair.privateJwk }) }, 'demo')).rejects.toThrow(/public contact key only/);
    await expect(phoneSealerAt({ file: openFile }, 'demo')).rejects.toThrow(/public key only/);
    await expect(phoneOpenerAt({ file: sealFile }, 'demo')).rejects.toThrow(/must hold privateKey/);
    await expect(phoneSealerAt(undefined, 'demo')).rejects.toThrow(new RegExp(`neither ${envNames.contactKeyId} \\(KMS\\) nor ${envNames.contactSealKeyFile}`));
  });

  it('never quotes a key file that is not JSON', async () => {
    const broken = file('broken.json', `{"privateKey": ${JSON.stringify(pair.privateJwk).slice(0, -1)}`);
    const error = await phoneOpenerAt({ file: broken }, 'demo').then(() => { throw new Error('it did not fail'); }, (e: unknown) => e as Error);

    expect(error.message).toMatch(/is not JSON/);
    expect(error.message).not.toContain(pair.privateJwk.d.slice(0, 8));
  });
});
