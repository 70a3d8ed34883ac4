import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateOutcome, GridLog, GridLogPort, GridLogRef, LogApproval, Reopening } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { partitionItems, queryAll } from './query-all.ts';

/**
 * A log id's partition holds one item per grid that used the id: ids are chosen by clients, and a
 * grid that took an id first must not block another grid's log under it.
 */
const idPartition = (logId: string) => `LOG#${logId}`;
const key = ({ logId, gridId }: GridLogRef) => ({ pk: idPartition(logId), sk: `G#${gridId}` });
const gridDay = (gridId: string, date: string) => `GRIDLOG#${gridId}#${date}`;
const reopenKey = (gridId: string, date: string) => ({ pk: `LOGREOPEN#${gridId}#${date}`, sk: 'REOPEN' });

/** Grid logs in the core table, one item per log id and grid, listed per grid and day for the close. */
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
    return createOnce(this.#documents, this.#table, { ...key(log), ...log, hash, gsi1pk: gridDay(log.gridId, log.date), gsi1sk: log.logId });
  }

  async withId(logId: string): Promise<GridLog[]> {
    return (await partitionItems(this.#documents, this.#table, idPartition(logId))).map(toLog);
  }

  /** Keeps the first approval: a second admin's approval of the same log changes nothing. */
  async approve(ref: GridLogRef, approval: LogApproval): Promise<GridLog> {
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(ref),
      UpdateExpression: 'SET approval = :approval',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(approval)',
      ExpressionAttributeValues: { ':approval': approval },
    })));
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(ref), ConsistentRead: true }));
    if (!out.Item) throw new Error(`log ${ref.logId} of grid ${ref.gridId} vanished while it was being approved`);
    return toLog(out.Item);
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

  async reopen(gridId: string, date: string, reopening: Reopening): Promise<void> {
    await this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: reopenKey(gridId, date),
      UpdateExpression: 'SET latest = :latest, history = list_append(if_not_exists(history, :none), :one)',
      ExpressionAttributeValues: { ':latest': reopening, ':none': [], ':one': [reopening] },
    }));
  }

  async reopening(gridId: string, date: string): Promise<Reopening | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: reopenKey(gridId, date), ConsistentRead: true }));
    return out.Item?.['latest'] as Reopening | undefined;
  }
}

function toLog(item: Record<string, unknown>): GridLog {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, hash: _h, ...log } = item;
  return log as unknown as GridLog;
}
