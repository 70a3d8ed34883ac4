import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { TableSpec } from '@firstline/service';

/**
 * dynalite has no TTL (UpdateTimeToLive is UnknownOperationException), so the local stack deletes
 * expired items itself from each table's declared TTL attribute, as DynamoDB TTL would.
 */
export async function sweepExpired(dynamodb: DynamoDBClient, spec: TableSpec, table: string, now = new Date()): Promise<number> {
  if (!spec.ttlAttribute) return 0;
  const keys = [spec.partitionKey, spec.sortKey].filter((k): k is string => k !== undefined);
  let deleted = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({
      TableName: table,
      FilterExpression: '#ttl < :now',
      ProjectionExpression: keys.map((_, i) => `#k${i}`).join(', '),
      ExpressionAttributeNames: { '#ttl': spec.ttlAttribute, ...Object.fromEntries(keys.map((k, i) => [`#k${i}`, k])) },
      ExpressionAttributeValues: { ':now': { N: String(Math.floor(now.getTime() / 1000)) } },
      ExclusiveStartKey: start,
    }));
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += 25) {
      let requests = items.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
      while (requests.length > 0) {
        const out = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
    deleted += items.length;
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return deleted;
}
