import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's BatchGetItem limit. */
const maxKeysPerBatch = 100;

export type Key = Record<string, string>;

/** Reads many items by key in as few round trips as DynamoDB allows, retrying unprocessed keys. */
export async function getAll(
  documents: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
  options: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((k) => [JSON.stringify(k), k])).values()];
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += maxKeysPerBatch) {
    let pending: Key[] = unique.slice(i, i + maxKeysPerBatch);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(25 * 2 ** attempt, 1_000)));
      const out = await documents.send(new BatchGetCommand({
        RequestItems: { [table]: { Keys: pending, ConsistentRead: options.consistent } },
      }));
      found.push(...(out.Responses?.[table] ?? []));
      pending = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Key[];
    }
  }
  return found;
}
