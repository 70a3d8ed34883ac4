import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SmsSender } from '@firstline/domain';
import { maskPhone } from '@firstline/domain';

/**
 * The local stack's SMS gateway: each message appended to a JSON-lines file under the data dir,
 * which `GET /local/outbox` lists and the resident app shows as an inbox. It keeps the number
 * masked, as everything but the notifier does: the outbox is not where numbers live.
 */
export function outboxSms(file: string): SmsSender {
  return {
    async send({ notificationId, personId, phone, text }) {
      await mkdir(dirname(file), { recursive: true });
      const id = `outbox-${notificationId}-${personId}`;
      await appendFile(file, `${JSON.stringify({ id, notificationId, personId, phoneMasked: maskPhone(phone), text, at: new Date().toISOString() })}\n`);
      return id;
    },
  };
}
