import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CloseRun, CloseRunPort } from '@firstline/domain';
import { conditionHeld } from './create-once.ts';

const key = (closeId: string) => ({ pk: `CLOSE#${closeId}`, sk: 'RUN' });

function toRun(item: Record<string, unknown>): CloseRun {
  const done = item['done'] as Set<string> | undefined;
  const revised = item['revised'] as Set<string> | undefined;
  return {
    closeId: String(item['closeId']),
    days: item['days'] as string[],
    shards: Number(item['shards']),
    shardsDone: done?.size ?? 0,
    revisedDays: [...(revised ?? [])].sort(),
    then: (item['then'] as string[] | undefined) ?? [],
    startedAt: String(item['startedAt']),
    finishedAt: item['finishedAt'] as string | undefined,
  };
}

/**
 * Close runs in the stats table. A shard is counted by adding its number to a set, so a shard
 * consumer told twice (a redelivery, a crash after the count) counts it once, without a condition.
 */
export class CloseRunStore implements CloseRunPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async start(run: Pick<CloseRun, 'closeId' | 'days' | 'shards' | 'then' | 'startedAt'>): Promise<void> {
    await conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...key(run.closeId), closeId: run.closeId, days: run.days, shards: run.shards, then: run.then, startedAt: run.startedAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    })));
  }

  async shardDone(closeId: string, shard: number, revisedDays: readonly string[]): Promise<CloseRun> {
    const revised = revisedDays.length > 0;
    const { Attributes } = await this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(closeId),
      UpdateExpression: revised ? 'ADD done :shard, revised :days' : 'ADD done :shard',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':shard': new Set([String(shard)]), ...(revised ? { ':days': new Set(revisedDays) } : {}) },
      ReturnValues: 'ALL_NEW',
    }));
    return toRun(Attributes!);
  }

  async finish(closeId: string, at: string): Promise<void> {
    await this.#documents.send(new UpdateCommand({
      TableName: this.#table, Key: key(closeId), UpdateExpression: 'SET finishedAt = if_not_exists(finishedAt, :at)', ExpressionAttributeValues: { ':at': at },
    }));
  }

  async get(closeId: string): Promise<CloseRun | undefined> {
    const { Item } = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(closeId), ConsistentRead: true }));
    return Item ? toRun(Item) : undefined;
  }
}
