import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all.ts';

/** A grid worker's log of a day's work (API.md, Grid logs). */
export interface GridLog {
  readonly logId: string;
  readonly gridId: string;
  readonly date: string;
  readonly householdsVisited: number;
  readonly residentsScreened: number;
  readonly disinfectionRounds: number;
  readonly masksDistributed: number;
  readonly keyPersonsFound: number;
  readonly note?: string | undefined;
  readonly by: string;
}

const key = (logId: string) => ({ pk: `LOG#${logId}`, sk: 'LOG' });
const gridDay = (gridId: string, date: string) => `GRIDLOG#${gridId}#${date}`;

/** Grid logs in the core table, one item per log id, listed per grid and day for the close. */
export class GridLogStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /** Stores the log once; the same log again is a repeat, another body under its id a conflict. */
  async create(log: GridLog, hash: string): Promise<'created' | 'repeat' | 'conflict'> {
    try {
      await this.#documents.send(new PutCommand({
        TableName: this.#table,
        Item: { ...key(log.logId), ...log, hash, gsi1pk: gridDay(log.gridId, log.date), gsi1sk: log.logId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return 'created';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(log.logId), ConsistentRead: true }));
      return out.Item?.['hash'] === hash ? 'repeat' : 'conflict';
    }
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
