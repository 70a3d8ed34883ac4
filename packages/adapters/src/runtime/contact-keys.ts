import type { PhoneOpener, PhoneSealer, SmsSender } from '@firstline/domain';
import { phoneOpenerAt, phoneSealerAt } from '../crypto/phone-keys.ts';
import { SnsSmsSender } from '../notify/sns-sms.ts';
import { outboxSms } from './outbox-sms.ts';
import type { StoreContext } from './stores.ts';

/** Built at first use and kept: a function that never seals never reads its key. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function declared(own: StoreContext['own'], what: string, ok: boolean): void {
  if (!ok) throw new Error(`${own?.name ?? 'this runtime'} may not ${what}: its manifest entry does not declare it (contactKey, sms)`);
}

const where = ({ contactKey: { keyId } }: StoreContext['config'], file: string | undefined) => (keyId ? { keyId } : file ? { file } : undefined);

/**
 * What a function that takes consented numbers holds (`contactKey: 'seal'`): it can seal them and
 * never open one. Named by the function like a store, so no other function's bundle carries the
 * crypto; refused at start unless the manifest declares it, as IAM refuses it in the cloud.
 */
export const phoneSealing = ({ config, own }: StoreContext): { phoneSealer: PhoneSealer } => {
  declared(own, 'seal phone numbers', own?.contactKey === 'seal');
  const sealer = once(() => phoneSealerAt(where(config, config.contactKey.sealFile), config.district));
  return { phoneSealer: { seal: async (phone) => (await sealer()).seal(phone) } };
};

/**
 * What the notifier alone holds (`contactKey: 'open'`, `sms`): it opens a number to send to it, by
 * SNS in the cloud and to the outbox locally. Locally the process holds both halves of the key
 * pair's files, and only this gives out the private one.
 */
export const notifying = ({ config, own }: StoreContext): { phoneOpener: PhoneOpener; sms: SmsSender } => {
  declared(own, 'open phone numbers and send SMS', own?.contactKey === 'open' && own.sms === true);
  const opener = once(() => phoneOpenerAt(where(config, config.contactKey.openFile), config.district));
  return {
    phoneOpener: { open: async (sealed) => (await opener()).open(sealed) },
    sms: config.outboxFile ? outboxSms(config.outboxFile) : new SnsSmsSender(),
  };
};
