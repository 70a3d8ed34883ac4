import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CodeColor } from '@firstline/domain';
import type { ProvinceReportLedger, ProvincialPeoplePort, ProvincialPerson } from '@firstline/domain/health-codes/index';
import { conditionHeld } from '../dynamodb/create-once.ts';

const byDigest = (idDigest: string) => ({ pk: `PROVINCE#DIGEST#${idDigest}`, sk: 'PERSON' });
const byPerson = (personId: string) => ({ pk: `PROVINCE#PERSON#${personId}`, sk: 'DIGEST' });
const reportKey = (eventId: string) => ({ pk: `PROVINCE#REPORT#${eventId}`, sk: 'REPORTED' });

/**
 * Firstline's side of the province link, in the district's core table: which person a digest is
 * (and back), the province's colour last seen for them, and the case events already reported.
 * A gate reads one item per provincial code (the digest's); nothing is kept about a digest that
 * names nobody registered here.
 */
export class ProvinceStore implements ProvincialPeoplePort, ProvinceReportLedger {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async lookup(idDigest: string): Promise<ProvincialPerson | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: byDigest(idDigest) }));
    if (!out.Item) return undefined;
    const { personId, lastColor, lastSeenAt } = out.Item as { personId?: string; lastColor?: CodeColor; lastSeenAt?: string };
    return { personId, lastColor: lastColor && lastSeenAt ? { color: lastColor, seenAt: lastSeenAt } : undefined };
  }

  async digestOf(personId: string): Promise<string | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: byPerson(personId), ConsistentRead: true }));
    return out.Item?.['idDigest'] as string | undefined;
  }

  /** Both directions; repeating it changes nothing and keeps the colour last seen. */
  async link(personId: string, idDigest: string): Promise<void> {
    await Promise.all([
      this.#documents.send(new UpdateCommand({
        TableName: this.#table, Key: byDigest(idDigest), UpdateExpression: 'SET personId = :p', ExpressionAttributeValues: { ':p': personId },
      })),
      this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...byPerson(personId), idDigest } })),
    ]);
  }

  /** Only onto a linked person's item, and only if newer than what is kept (two gates may race). */
  async rememberColor(idDigest: string, color: CodeColor, seenAt: Date): Promise<void> {
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: byDigest(idDigest),
      UpdateExpression: 'SET lastColor = :c, lastSeenAt = :at',
      ConditionExpression: 'attribute_exists(personId) AND (attribute_not_exists(lastSeenAt) OR lastSeenAt < :at)',
      ExpressionAttributeValues: { ':c': color, ':at': seenAt.toISOString() },
    })));
  }

  async reported(eventId: string): Promise<{ at: string; color: CodeColor } | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: reportKey(eventId), ConsistentRead: true }));
    return out.Item ? { at: out.Item['at'] as string, color: out.Item['color'] as CodeColor } : undefined;
  }

  async record(eventId: string, outcome: { at: string; color: CodeColor }): Promise<void> {
    await this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...reportKey(eventId), ...outcome } }));
  }
}
