import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Resident } from '@firstline/domain';
import { personKey, toResident } from './resident-store.ts';

/**
 * A few registered residents, for the local stack's "sign in as a resident" only: a table scan, in
 * a module of its own so that no function bundle carries it (no cloud function is granted Scan).
 */
export async function sampleResidents(documents: DynamoDBDocumentClient, table: string, limit: number): Promise<Resident[]> {
  const { pk, sk } = personKey('');
  const found: Resident[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({
      TableName: table,
      FilterExpression: 'begins_with(pk, :person) AND sk = :profile',
      ExpressionAttributeValues: { ':person': pk, ':profile': sk },
      ExclusiveStartKey: start,
    }));
    found.push(...(page.Items ?? []).map(toResident));
    start = page.LastEvaluatedKey;
  } while (start && found.length < limit);
  return found.slice(0, limit);
}
