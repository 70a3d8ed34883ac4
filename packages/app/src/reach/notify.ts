import type { DeliveryOutcome, Notification, PhoneOpener, SmsSender } from '@firstline/domain';
import { notificationText } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** How long a send holds its notification: well over an SMS request, under the queue's visibility timeout. */
const claimMs = 30_000;

export type NotifierPorts = Pick<DistrictPorts, 'contacts' | 'notificationLog'> & { readonly phoneOpener: PhoneOpener; readonly sms: SmsSender };

/**
 * Sends a notification to each consented number it names (the household's, or one person's): the
 * number opened here and nowhere else, the text from its template. Each person once: a send first
 * claims its notification and person, so a redelivered or repeated message skips whoever was
 * already sent it, and two copies at once send one SMS. A failed send is recorded and asks for a
 * `retry` (the queue tries again, and dead-letters it after its last try); the workflow that asked
 * for it finished long before and never waits on it. A household without consent is recorded as such.
 */
export async function deliverNotification(ports: NotifierPorts, notification: Notification, now = new Date()): Promise<{ counts: Record<DeliveryOutcome | 'repeat', number>; retry: boolean }> {
  const counts = { sent: 0, failed: 0, 'no-consent': 0, repeat: 0 };
  const at = now.toISOString();
  const contacts = (await ports.contacts.ofHousehold(notification.householdId))
    .filter((c) => notification.personId === undefined || c.personId === notification.personId);
  if (contacts.length === 0) {
    await ports.notificationLog.record(notification.notificationId, notification.personId ?? notification.householdId, 'no-consent', at);
    counts['no-consent']++;
    return { counts, retry: false };
  }
  const text = notificationText(notification);
  let retry = false;
  for (const contact of contacts) {
    const claim = await ports.notificationLog.claim(notification.notificationId, contact.personId, at, new Date(now.getTime() + claimMs).toISOString());
    if (claim === 'sent') {
      counts.repeat++;
      continue;
    }
    if (claim === 'busy') {
      // Another copy of this notification is being sent (a call asked twice): this one comes back later and finds it sent.
      retry = true;
      continue;
    }
    try {
      const phone = await ports.phoneOpener.open(contact.sealed);
      const providerId = await ports.sms.send({ notificationId: notification.notificationId, personId: contact.personId, phone, text });
      await ports.notificationLog.record(notification.notificationId, contact.personId, 'sent', at, providerId);
      counts.sent++;
    } catch {
      await ports.notificationLog.record(notification.notificationId, contact.personId, 'failed', at);
      counts.failed++;
      retry = true;
    }
  }
  return { counts, retry };
}
