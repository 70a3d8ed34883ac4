import type { PhoneOpener, PhoneSealer, SmsSender } from '@firstline/domain';
import { phoneOpenerAt, phoneSealerAt } from '../crypto/phone-keys.ts';
import { SnsSmsSender } from '../notify/sns-sms.ts';
import { outboxSms } from './outbox-sms.ts';
import type { RuntimeConfig } from './runtime-config.ts';

/** A function's part in consented contact, as the manifest declares it. */
export interface ContactKeyPart {
  readonly contactKey?: 'seal' | 'open' | undefined;
  readonly sms?: true | undefined;
}

/** Built at first use and kept: a function that never seals never reads its key. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

const refused = (what: string) => () => Promise.reject(new Error(`this function may not ${what}: declare it in the manifest (contactKey, sms)`));

/**
 * What a function may do with phone numbers: seal them (`contactKey: 'seal'`, the contact route),
 * open them and send SMS (`open` and `sms`, the notifier alone), nothing otherwise. Locally the
 * process holds both halves of the key pair's files, and each function is given only its half here.
 */
export function contactKeysOf(config: RuntimeConfig, part: ContactKeyPart): { phoneSealer: PhoneSealer; phoneOpener: PhoneOpener; sms: SmsSender } {
  const { keyId, sealFile, openFile } = config.contactKey;
  const where = (file: string | undefined) => (keyId ? { keyId } : file ? { file } : undefined);
  const sealer = part.contactKey === 'seal' ? once(() => phoneSealerAt(where(sealFile), config.district)) : refused('seal phone numbers');
  const opener = part.contactKey === 'open' ? once(() => phoneOpenerAt(where(openFile), config.district)) : refused('open phone numbers');
  const outbox = config.outboxFile;
  const sender: SmsSender | undefined = part.sms ? (outbox ? outboxSms(outbox) : new SnsSmsSender()) : undefined;
  return {
    phoneSealer: { seal: async (phone) => (await sealer()).seal(phone) },
    phoneOpener: { open: async (sealed) => (await opener()).open(sealed) },
    sms: sender ?? { send: refused('send SMS') },
  };
}
