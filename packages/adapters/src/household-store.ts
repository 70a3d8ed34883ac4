import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch-get.ts';

/** The outings a household made inside the pass-quota window, and who made them. */
export interface HouseholdOutings {
  readonly householdId: string;
  readonly outings: readonly { readonly scanId: string; readonly day: string }[];
  readonly version: number;
}

const key = (householdId: string) => ({ pk: `HOUSEHOLD#${householdId}`, sk: 'OUTINGS' });

/** Pass-quota state, one small item per household, changed only with optimistic concurrency. */
export class HouseholdStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async getMany(householdIds: readonly string[]): Promise<Map<string, HouseholdOutings>> {
    const items = await getAll(this.#documents, this.#table, householdIds.map(key), { consistent: true });
    const found = new Map(items.map((item) => {
      const householdId = String(item['pk']).slice('HOUSEHOLD#'.length);
      return [householdId, { householdId, outings: (item['outings'] ?? []) as HouseholdOutings['outings'], version: Number(item['version'] ?? 0) }];
    }));
    for (const id of householdIds) if (!found.has(id)) found.set(id, { householdId: id, outings: [], version: 0 });
    return found;
  }

  /** Saves new outings if the household is still at `version`; false when two gates raced. */
  async save(state: HouseholdOutings): Promise<boolean> {
    try {
      await this.#documents.send(new PutCommand({
        TableName: this.#table,
        Item: { ...key(state.householdId), outings: state.outings, version: state.version + 1 },
        ConditionExpression: state.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
        ExpressionAttributeValues: state.version === 0 ? undefined : { ':v': state.version },
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
