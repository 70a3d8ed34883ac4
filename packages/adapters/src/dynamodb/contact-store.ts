import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionHeld } from './create-once.ts';
import type { Contact, ContactPort, DeliveryOutcome, NotificationLogPort } from '@firstline/domain';
import { queryAll } from './query-all.ts';

const contactKey = (householdId: string, personId: string) => ({ pk: `CONTACT#${householdId}`, sk: `PERSON#${personId}` });
const consentKey = (personId: string, at: string, what: 'given' | 'withdrawn') => ({ pk: `CONSENT#${personId}`, sk: `${at}#${what}` });
const outcomeKey = (notificationId: string, personId: string) => ({ pk: `NOTIFY#${notificationId}`, sk: `PERSON#${personId}` });

/**
 * Consented numbers in the core table, sealed (only the notifier can open them), by household so
 * a notification for a door finds its people in one query; each consent and withdrawal kept as
 * its own item with who and when.
 */
export class ContactStore implements ContactPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async consent(contact: Contact): Promise<void> {
    // The consent first: a number is never kept without the consent that allows it.
    await this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...consentKey(contact.personId, contact.consentedAt, 'given'), by: contact.consentedBy } }));
    await this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...contactKey(contact.householdId, contact.personId), ...contact } }));
  }

  async withdraw(personId: string, householdId: string, by: string, at: string): Promise<boolean> {
    // The number goes first: a crash after it leaves the withdrawal to be recorded again, never a number kept against it.
    const deleted = await this.#documents.send(new DeleteCommand({ TableName: this.#table, Key: contactKey(householdId, personId), ReturnValues: 'ALL_OLD' }));
    await this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...consentKey(personId, at, 'withdrawn'), by } }));
    return deleted.Attributes !== undefined;
  }

  async ofHousehold(householdId: string): Promise<Contact[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CONTACT#${householdId}` }, ConsistentRead: true,
    });
    return items.map(({ pk: _pk, sk: _sk, ...contact }) => contact as unknown as Contact);
  }
}

/** What each notification became for each person: the notifier's memory across redeliveries. */
export class NotificationLogStore implements NotificationLogPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async claim(notificationId: string, personId: string, at: string, until: string): Promise<'claimed' | 'sent' | 'busy'> {
    const claimed = await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: outcomeKey(notificationId, personId),
      UpdateExpression: 'SET claimedUntil = :until',
      // Never sent, and nobody holds it (or their claim ran out: a send that died).
      ConditionExpression: '(attribute_not_exists(outcome) OR outcome <> :sent) AND (attribute_not_exists(claimedUntil) OR claimedUntil < :at)',
      ExpressionAttributeValues: { ':until': until, ':at': at, ':sent': 'sent' },
    })));
    if (claimed) return 'claimed';
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: outcomeKey(notificationId, personId), ConsistentRead: true }));
    return out.Item?.['outcome'] === 'sent' ? 'sent' : 'busy';
  }

  async record(notificationId: string, personId: string, outcome: DeliveryOutcome, at: string, providerId?: string): Promise<void> {
    await this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...outcomeKey(notificationId, personId), outcome, at, ...(providerId === undefined ? {} : { providerId }) },
    }));
  }
}
