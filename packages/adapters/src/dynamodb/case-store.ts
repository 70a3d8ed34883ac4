import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CasePort, CaseRecord, CreateOutcome, PendingRelease, Release } from '@firstline/domain';
import { addDays } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { queryAll } from './query-all.ts';

const key = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
/** The index partition that lists a grid's new cases of a day, for the daily report. */
const gridDay = (gridId: string, day: string) => `CASES#${gridId}#${day}`;
/** The index partition of all a grid's cases by report day: which are open on a day is read from it. */
const gridCases = (gridId: string) => `GRIDCASES#${gridId}`;

export class CaseStore implements CasePort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /** Creates the case once; the same case again is a repeat, another body under its id a conflict. */
  create(record: CaseRecord): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, {
      ...key(record.caseId), ...record,
      gsi1pk: gridDay(record.gridId, record.day), gsi1sk: record.caseId,
      gsi2pk: gridCases(record.gridId), gsi2sk: `${record.day}#${record.caseId}`,
    });
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(caseId), ConsistentRead: true }));
    return out.Item ? toCase(out.Item) : undefined;
  }

  /** Marks the case released (clearing a pending request) unless it already was; returns the case as stored. */
  async release(caseId: string, release: Release): Promise<CaseRecord> {
    const approved = release.approvedBy !== undefined ? ', releaseApprovedBy = :approver, releaseApprovedAt = :approvedAt' : '';
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(caseId),
      UpdateExpression: `SET releasedAt = :at, releasedDay = :day, releasedBy = :by${approved} REMOVE pendingRelease`,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt)',
      ExpressionAttributeValues: {
        ':at': release.releasedAt, ':day': release.releasedDay, ':by': release.releasedBy,
        ...(release.approvedBy !== undefined ? { ':approver': release.approvedBy, ':approvedAt': release.approvedAt } : {}),
      },
    })));
    return this.#stored(caseId);
  }

  /** Keeps the first release request of an unreleased case; returns the case as stored. */
  async requestRelease(caseId: string, pending: PendingRelease): Promise<CaseRecord> {
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(caseId),
      UpdateExpression: 'SET pendingRelease = :pending',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt) AND attribute_not_exists(pendingRelease)',
      ExpressionAttributeValues: { ':pending': pending },
    })));
    return this.#stored(caseId);
  }

  /** New cases of a grid on a day (the report's four categories). */
  async newOn(gridId: string, day: string): Promise<CaseRecord[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gridDay(gridId, day) },
    });
    return items.map(toCase);
  }

  /** Every case of a grid reported on or before `throughDay` (`<day>#<caseId>` sorts before the next day). */
  async ofGrid(gridId: string, throughDay: string): Promise<CaseRecord[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :next',
      ExpressionAttributeValues: { ':pk': gridCases(gridId), ':next': addDays(throughDay, 1) },
    });
    return items.map(toCase);
  }

  async #stored(caseId: string): Promise<CaseRecord> {
    const stored = await this.get(caseId);
    if (!stored) throw new Error(`case ${caseId} vanished while it was being released`);
    return stored;
  }
}

function toCase(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, ...record } = item;
  return record as unknown as CaseRecord;
}
