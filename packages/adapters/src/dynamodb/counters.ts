import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LiveCounts } from '@firstline/domain';
import { conditionHeld } from './create-once.ts';

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
 * write per distinct key, however many events the counts came from. With `once`, only if no step
 * as late as `once.step` (text, compared in order) was added before: a step run again adds nothing.
 */
export async function addCounters(
  documents: DynamoDBDocumentClient,
  table: string,
  key: { pk: string; sk: string },
  counts: Readonly<Record<string, number>>,
  once?: { readonly step: string; readonly asOf: Date },
): Promise<void> {
  const entries = Object.entries(counts).filter(([, n]) => n !== 0);
  if (entries.length === 0) return;
  await conditionHeld(documents.send(new UpdateCommand({
    TableName: table,
    Key: key,
    UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')} SET updatedAt = :now${once ? ', step = :step' : ''}`,
    ...(once && { ConditionExpression: 'attribute_not_exists(step) OR step < :step' }),
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
    ExpressionAttributeValues: {
      ...Object.fromEntries(entries.map(([, n], i) => [`:c${i}`, n])),
      ':now': (once?.asOf ?? new Date()).toISOString(),
      ...(once && { ':step': once.step }),
    },
  })));
}
