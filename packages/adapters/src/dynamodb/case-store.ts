import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CasePort, CaseRecord, CaseRef, CreateOutcome, OpenCaseFilter, OpenCasePort, PendingRelease, Release, WorkListPage, WorkListScope } from '@firstline/domain';
import { addDays, limiter } from '@firstline/domain';
import { conditionHeld, createOnce } from './create-once.ts';
import { partitionItems, queryAll } from './query-all.ts';
import { mergePages, workListCursor } from './work-list-cursor.ts';

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
/**
 * The district's open cases (gsi3, sparse: a release takes the case off), grid by grid, oldest report
 * first: a grid's own are one range of the sort key, so a grid worker's grids and the district read
 * the same list.
 */
const openList = 'OPENCASES';
const openSortKey = (c: Pick<CaseRecord, 'gridId' | 'day' | 'caseId'>) => `${c.gridId}#${c.day}#${c.caseId}`;
const openCursor = workListCursor(/^[A-Za-z0-9._:-]+#\d{4}-\d\d-\d\d#[A-Za-z0-9._:-]+$/);
const gridsInFlight = limiter(16);

export class CaseStore implements CasePort, OpenCasePort {
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
      ...(record.releasedAt === undefined ? { gsi3pk: openList, gsi3sk: openSortKey(record) } : {}),
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
      UpdateExpression: `SET releasedAt = :at, releasedDay = :day, releasedBy = :by${approved} REMOVE pendingRelease, gsi3pk, gsi3sk`,
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

  /**
   * A page of the open cases of the district or of some grids (each grid one range of the list),
   * oldest report first within a grid; with `quarantineReportedBy`, only cases in home or central
   * quarantine reported on or before that kind's day. Pages of the filter are read until the page is
   * full or the range ends, so a page costs about what it holds plus what the filter passed over.
   */
  async openCases(scope: WorkListScope, limit: number, after?: string, filter: OpenCaseFilter = {}): Promise<WorkListPage<CaseRecord>> {
    const from = openCursor.decode(after);
    const cut = filter.quarantineReportedBy;
    const filtered = cut === undefined ? {} : {
      FilterExpression: '(quarantine = :home AND #day <= :homeDay) OR (quarantine = :central AND #day <= :centralDay)',
      ExpressionAttributeNames: { '#day': 'day' },
    };
    const cutValues = cut === undefined ? {} : { ':home': 'home', ':central': 'central', ':homeDay': cut.home, ':centralDay': cut.central };
    const read = async (lo: string | undefined, hi: string | undefined) => {
      const found: { sk: string; item: CaseRecord }[] = [];
      let start: Record<string, unknown> | undefined;
      const bounded = lo !== undefined && hi !== undefined;
      do {
        const out = await this.#documents.send(new QueryCommand({
          TableName: this.#table,
          IndexName: 'gsi3',
          KeyConditionExpression: bounded ? 'gsi3pk = :pk AND gsi3sk BETWEEN :lo AND :hi' : lo !== undefined ? 'gsi3pk = :pk AND gsi3sk > :lo' : 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': openList, ...(lo !== undefined ? { ':lo': lo } : {}), ...(bounded ? { ':hi': hi } : {}), ...cutValues },
          ...filtered,
          Limit: limit + 1,
          ExclusiveStartKey: start,
        }));
        for (const item of out.Items ?? []) if (item['gsi3sk'] !== from) found.push({ sk: item['gsi3sk'] as string, item: toCase(item) });
        start = out.LastEvaluatedKey;
      } while (start && found.length <= limit);
      return found;
    };
    if (scope === 'district') {
      const { items, last } = mergePages([await read(from, undefined)], limit);
      return { items, next: openCursor.encode(last) };
    }
    // A grid's range: every sort key of it starts `<gridId>#`, and '~' sorts after every id character.
    const pages = await Promise.all([...new Set(scope)].flatMap((gridId) => {
      const lo = `${gridId}#`;
      const hi = `${gridId}#~`;
      if (from !== undefined && from >= hi) return [];
      return [gridsInFlight(() => read(from !== undefined && from > lo ? from : lo, hi))];
    }));
    const { items, last } = mergePages(pages, limit);
    return { items, next: openCursor.encode(last) };
  }

  async #stored(ref: CaseRef): Promise<CaseRecord> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(ref), ConsistentRead: true }));
    if (!out.Item) throw new Error(`case ${ref.caseId} of grid ${ref.gridId} vanished while it was being released`);
    return toCase(out.Item);
  }
}

function toCase(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, gsi3pk: _g3, gsi3sk: _s3, ...record } = item;
  return record as unknown as CaseRecord;
}
