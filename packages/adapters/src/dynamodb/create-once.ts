import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

import type { CreateOutcome } from '@firstline/domain';

/**
 * A conditional write as a value: true when it was made, false when its condition did not hold
 * (another writer got there first); any other failure is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Writes the item unless its key exists; false when it did (one conditional put). */
export function putIfAbsent(documents: DynamoDBDocumentClient, table: string, item: Record<string, unknown>): Promise<boolean> {
  return conditionHeld(documents.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
}

/**
 * API.md's create rule in one conditional put: the first write of a key wins; the same body again
 * (same hash, kept under `hashAttribute`) is a repeat with the same answer; another body is a
 * conflict. Decided atomically by DynamoDB, so two racing requests cannot both create.
 */
export async function createOnce(
  documents: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown> & { pk: string; sk: string },
  hashAttribute = 'hash',
): Promise<CreateOutcome> {
  if (await putIfAbsent(documents, table, item)) return 'created';
  const stored = await documents.send(new GetCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }));
  return stored.Item?.[hashAttribute] === item[hashAttribute] ? 'repeat' : 'conflict';
}
