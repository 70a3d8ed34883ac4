import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's BatchWriteItem limit. */
const maxItemsPerBatch = 25;

/**
 * Puts many items, 25 a request, a few requests at once, and retries what DynamoDB returns as
 * unprocessed (throttling) with backoff until it is all written.
 */
export async function putAll(
  documents: DynamoDBDocumentClient,
  table: string,
  items: readonly Record<string, unknown>[],
  concurrency = 4,
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += maxItemsPerBatch) chunks.push(items.slice(i, i + maxItemsPerBatch));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2_000)));
        const out = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
}
