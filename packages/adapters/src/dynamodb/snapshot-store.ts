import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClosedSnapshot, GridDaySnapshot, Level, ReportRow, SnapshotPort, StoredRollup } from '@firstline/domain';
import { withReportingKept } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { putAll } from './batch-write.ts';
import { conditionHeld } from './create-once.ts';

const key = (gridId: string, day: string) => ({ pk: `SNAP#${gridId}`, sk: day });
const rollupKey = (level: Level, id: string, day: string) => ({ pk: `SNAPU#${level}#${id}`, sk: day });
const lateKey = (day: string) => ({ pk: 'LATE', sk: day });

/**
 * A snapshot as stored. Snapshots closed before open cases, on-time and approved logs were kept
 * read as they were decided then: no open case, and every log counted.
 */
function toSnapshot(item: Record<string, unknown>): GridDaySnapshot & { closedAt?: string; revisionAskedAt?: string } {
  const { pk: _pk, sk: _sk, ...s } = item as unknown as GridDaySnapshot & { pk: string; sk: string };
  return {
    ...s,
    openCases: s.openCases ?? 0,
    reportedOnTime: s.reportedOnTime ?? s.reported,
    certified: s.certified ?? { reported: s.reported, disinfectionRounds: s.work.disinfectionRounds },
  };
}

/** Closed-day snapshots in the stats table: what reports of past days read. */
export class SnapshotStore implements SnapshotPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /** Many grids' snapshots of one day in batch reads: what a report of a unit costs. */
  async ofDay(gridIds: readonly string[], day: string): Promise<Map<string, ClosedSnapshot>> {
    const items = await getAll(this.#documents, this.#table, gridIds.map((g) => key(g, day)));
    return new Map(items.map((item) => [String(item['gridId']), toSnapshot(item) as ClosedSnapshot]));
  }

  /** A closed day's rows of every community, street and the district, written by the close. */
  async saveRollups(day: string, rows: readonly ReportRow[]): Promise<void> {
    const closedAt = new Date().toISOString();
    await putAll(this.#documents, this.#table, rows.map((row) => ({ ...rollupKey(row.level, row.id, day), row, closedAt })));
  }

  async rollups(units: readonly { level: Level; id: string }[], day: string): Promise<Map<string, StoredRollup>> {
    const items = await getAll(this.#documents, this.#table, units.map((u) => rollupKey(u.level, u.id, day)));
    return new Map(items.map((i) => [String(i['pk']).slice('SNAPU#'.length), { row: withReportingKept(i['row'] as ReportRow), closedAt: String(i['closedAt']) }]));
  }

  /**
   * Notes that an event landed on a day that may already be closed (an offline backlog, a late
   * case or log): a closed report of that day is no longer final until the day is closed again.
   */
  async markLate(days: Iterable<string>, today: string): Promise<void> {
    const past = [...new Set(days)].filter((d) => d < today);
    const at = new Date().toISOString();
    await Promise.all(past.map((day) => this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...lateKey(day), at } }))));
  }

  async lateAt(day: string): Promise<string | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: lateKey(day) }));
    return out.Item ? String(out.Item['at']) : undefined;
  }

  /**
   * Marks each closed grid-day as waiting for its revision; the close that writes the snapshot again
   * replaces the whole item, mark included. A day without a snapshot is not closed: nothing to mark.
   */
  async markRevising(grids: readonly { gridId: string; days: readonly string[] }[]): Promise<void> {
    const at = new Date().toISOString();
    await Promise.all(grids.flatMap(({ gridId, days }) => days.map((day) => conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(gridId, day),
      UpdateExpression: 'SET revisionAskedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    }))))));
  }

  async save(snapshot: GridDaySnapshot): Promise<void> {
    await this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...key(snapshot.gridId, snapshot.day), ...snapshot, closedAt: new Date().toISOString() },
    }));
  }

  async get(gridId: string, day: string): Promise<GridDaySnapshot | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(gridId, day) }));
    if (!out.Item) return undefined;
    const { closedAt: _closedAt, revisionAskedAt: _asked, ...snapshot } = toSnapshot(out.Item);
    return snapshot;
  }
}
