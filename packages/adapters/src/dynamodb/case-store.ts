import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CasePort, CaseRecord, CaseRef, CreateOutcome, PendingRelease, Release } from '@firstline/domain';
import { addDays } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { partitionItems, queryAll } from './query-all.ts';

/**
 * A case id's partition holds one item per grid that used the id: ids are chosen by clients, and a
 * grid that took an id first must not block another grid's case under it.
 */
const idPartition = (caseId: string) => `CASE#${caseId}`;
const key = ({ caseId, gridId }: CaseRef) => ({ pk: idPartition(caseId), sk: `G#${gridId}` });
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
      ...key(record), ...record,
      gsi1pk: gridDay(record.gridId, record.day), gsi1sk: record.caseId,
      gsi2pk: gridCases(record.gridId), gsi2sk: `${record.day}#${record.caseId}`,
    });
  }

  async withId(caseId: string): Promise<CaseRecord[]> {
    return (await partitionItems(this.#documents, this.#table, idPartition(caseId))).map(toCase);
  }

  /** Marks the case released (clearing a pending request) unless it already was; returns the case as stored. */
  async release(ref: CaseRef, release: Release): Promise<CaseRecord> {
    const approved = release.approvedBy !== undefined ? ', releaseApprovedBy = :approver, releaseApprovedAt = :approvedAt' : '';
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(ref),
      UpdateExpression: `SET releasedAt = :at, releasedDay = :day, releasedBy = :by${approved} REMOVE pendingRelease`,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt)',
      ExpressionAttributeValues: {
        ':at': release.releasedAt, ':day': release.releasedDay, ':by': release.releasedBy,
        ...(release.approvedBy !== undefined ? { ':approver': release.approvedBy, ':approvedAt': release.approvedAt } : {}),
      },
    })));
    return this.#stored(ref);
  }

  /** Keeps the first release request of an unreleased case; returns the case as stored. */
  async requestRelease(ref: CaseRef, pending: PendingRelease): Promise<CaseRecord> {
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(ref),
      UpdateExpression: 'SET pendingRelease = :pending',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt) AND attribute_not_exists(pendingRelease)',
      ExpressionAttributeValues: { ':pending': pending },
    })));
    return this.#stored(ref);
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

  async #stored(ref: CaseRef): Promise<CaseRecord> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(ref), ConsistentRead: true }));
    if (!out.Item) throw new Error(`case ${ref.caseId} of grid ${ref.gridId} vanished while it was being released`);
    return toCase(out.Item);
  }
}

function toCase(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, ...record } = item;
  return record as unknown as CaseRecord;
}
