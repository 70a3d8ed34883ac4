import type { Notification } from '../reach/notifications.ts';
import type { SealedPhone } from './contacts.ts';

/** A resident's consented number, sealed, with its masked form for display. */
export interface Contact {
  readonly personId: string;
  readonly householdId: string;
  readonly sealed: SealedPhone;
  readonly phoneMasked: string;
  readonly consentedAt: string;
  readonly consentedBy: string;
  /** Given by the resident themself: nobody else may replace it (they may only withdraw it for them). */
  readonly ownConsent?: true | undefined;
}

/** Consented numbers by household; every consent and withdrawal kept with who and when. */
export interface ContactPort {
  /** Keeps the sealed number (replacing an earlier one) and records the consent. */
  consent(contact: Contact): Promise<void>;
  /** Deletes the sealed number and records the withdrawal; false when there was none to delete. */
  withdraw(personId: string, householdId: string, by: string, at: string): Promise<boolean>;
  ofHousehold(householdId: string): Promise<Contact[]>;
}

/** What became of one notification for one person: sent once, or why not. */
export type DeliveryOutcome = 'sent' | 'failed' | 'no-consent';

export interface NotificationLogPort {
  /**
   * Takes the send of this notification to this person until `until`: `claimed` (send it now),
   * `sent` (it was, before: a repeat), or `busy` (another send holds it, or held it and has not
   * yet expired). A send that dies after claiming is taken over once its claim expires.
   */
  claim(notificationId: string, personId: string, at: string, until: string): Promise<'claimed' | 'sent' | 'busy'>;
  /** What became of it, the claim released. */
  record(notificationId: string, personId: string, outcome: DeliveryOutcome, at: string, providerId?: string): Promise<void>;
}

/** The notifier's queue; `delaySeconds` paces a call (at most 900). */
export interface NotificationQueue {
  send(notifications: readonly { readonly notification: Notification; readonly delaySeconds?: number }[]): Promise<void>;
}

/** Where an SMS goes: Amazon SNS in the cloud, the outbox file locally. Answers the provider's message id. */
export interface SmsSender {
  send(message: { readonly notificationId: string; readonly personId: string; readonly phone: string; readonly text: string }): Promise<string>;
}
