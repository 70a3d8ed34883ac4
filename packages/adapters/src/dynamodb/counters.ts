import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LiveCounts } from '@firstline/domain';

/** The counters of a counter item: its numeric attributes (keys, `updatedAt` and the like dropped). */
export function counterValues(item: Record<string, unknown> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(item ?? {}).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
}

/** Counter items read in a batch, by the grid id that follows `prefix` in their partition key. */
export function liveCountsOf(items: readonly Record<string, unknown>[], prefix: string): Map<string, LiveCounts> {
  return new Map(items.map((i) => [String(i['pk']).slice(prefix.length), { counts: counterValues(i), updatedAt: String(i['updatedAt'] ?? '') }]));
}

/**
 * Adds flat counters (`in`, `deny.fever`, `minutes.12`, …) to one item in a single update: one
 * write per distinct key, however many events the counts came from.
 */
export async function addCounters(
  documents: DynamoDBDocumentClient,
  table: string,
  key: { pk: string; sk: string },
  counts: Readonly<Record<string, number>>,
): Promise<void> {
  const entries = Object.entries(counts).filter(([, n]) => n !== 0);
  if (entries.length === 0) return;
  await documents.send(new UpdateCommand({
    TableName: table,
    Key: key,
    UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')} SET updatedAt = :now`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
    ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])), ':now': new Date().toISOString() },
  }));
}
