import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Resident } from '@firstline/domain';

export const personKey = (personId: string) => ({ pk: `PERSON#${personId}`, sk: 'PROFILE' });

export type RegisterOutcome = 'created' | 'repeat' | 'conflict';

/** Residents in the core table: masked fields and a fingerprint of the registration, never raw data. */
export class ResidentStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /**
   * Registers once: the same person with the same details again is a repeat (same answer), with
   * other details a conflict, decided atomically by a conditional put.
   */
  async register(resident: Resident, fingerprint: string): Promise<RegisterOutcome> {
    try {
      await this.#documents.send(new PutCommand({
        TableName: this.#table,
        Item: { ...personKey(resident.personId), ...resident, fingerprint },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return 'created';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: personKey(resident.personId), ConsistentRead: true }));
      return existing.Item?.['fingerprint'] === fingerprint ? 'repeat' : 'conflict';
    }
  }

  async get(personId: string): Promise<Resident | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: personKey(personId) }));
    if (!out.Item) return undefined;
    const { personId: id, nameMasked, phoneMasked, buildingId, gridId, householdId, codeColor, status } = out.Item as Resident;
    return { personId: id, nameMasked, phoneMasked, buildingId, gridId, householdId, codeColor, status };
  }
}
