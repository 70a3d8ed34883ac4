import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CasePort, CaseRecord, CreateOutcome } from '@firstline/domain';
import { createOnce } from './create-once.ts';
import { queryAll } from './query-all.ts';

const key = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
/** The index partition that lists a grid's new cases of a day, for the daily report. */
const gridDay = (gridId: string, day: string) => `CASES#${gridId}#${day}`;

export class CaseStore implements CasePort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /** Creates the case once; the same case again is a repeat, another body under its id a conflict. */
  create(record: CaseRecord): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...key(record.caseId), ...record, gsi1pk: gridDay(record.gridId, record.day), gsi1sk: record.caseId });
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(caseId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...record } = out.Item;
    return record as CaseRecord;
  }

  /** Marks the case released at `releasedAt` unless it already was; returns the stored release time. */
  async release(caseId: string, releasedAt: string): Promise<string> {
    try {
      await this.#documents.send(new UpdateCommand({
        TableName: this.#table,
        Key: key(caseId),
        UpdateExpression: 'SET releasedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt)',
        ExpressionAttributeValues: { ':at': releasedAt },
      }));
      return releasedAt;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(caseId))?.releasedAt ?? releasedAt;
    }
  }

  /** New cases of a grid on a day (the report's four categories). */
  async newOn(gridId: string, day: string): Promise<CaseRecord[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gridDay(gridId, day) },
    });
    return items as unknown as CaseRecord[];
  }
}
