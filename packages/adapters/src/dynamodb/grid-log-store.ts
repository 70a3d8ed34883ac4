import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateOutcome, GridLog, GridLogPort, LogApproval } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { queryAll } from './query-all.ts';

const key = (logId: string) => ({ pk: `LOG#${logId}`, sk: 'LOG' });
const gridDay = (gridId: string, date: string) => `GRIDLOG#${gridId}#${date}`;

/** Grid logs in the core table, one item per log id, listed per grid and day for the close. */
export class GridLogStore implements GridLogPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /**
   * Stores the log once; the same log again is a repeat, another body under its id a conflict. The
   * hash covers what the client sent only: a repeat that arrives after the deadline is still a repeat.
   */
  create(log: GridLog, hash: string): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...key(log.logId), ...log, hash, gsi1pk: gridDay(log.gridId, log.date), gsi1sk: log.logId });
  }

  async get(logId: string): Promise<GridLog | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(logId), ConsistentRead: true }));
    return out.Item ? toLog(out.Item) : undefined;
  }

  /** Keeps the first approval: a second admin's approval of the same log changes nothing. */
  async approve(logId: string, approval: LogApproval): Promise<GridLog> {
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(logId),
      UpdateExpression: 'SET approval = :approval',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(approval)',
      ExpressionAttributeValues: { ':approval': approval },
    })));
    const stored = await this.get(logId);
    if (!stored) throw new Error(`log ${logId} vanished while it was being approved`);
    return stored;
  }

  /** The logs of a grid on a day: several a day add up. */
  async of(gridId: string, date: string): Promise<GridLog[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gridDay(gridId, date) },
    });
    return items.map(toLog);
  }
}

function toLog(item: Record<string, unknown>): GridLog {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, hash: _h, ...log } = item;
  return log as unknown as GridLog;
}
