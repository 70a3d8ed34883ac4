import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CreateOutcome, GridLog, GridLogPort } from '@firstline/domain';
import { createOnce } from './create-once.ts';
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

  /** Stores the log once; the same log again is a repeat, another body under its id a conflict. */
  create(log: GridLog, hash: string): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...key(log.logId), ...log, hash, gsi1pk: gridDay(log.gridId, log.date), gsi1sk: log.logId });
  }

  /** The logs of a grid on a day: several a day add up. */
  async of(gridId: string, date: string): Promise<GridLog[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gridDay(gridId, date) },
    });
    return items.map(({ pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, hash: _h, ...log }) => log as unknown as GridLog);
  }
}
