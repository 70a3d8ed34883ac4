import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { GridDaySnapshot } from '@firstline/domain';
import { getAll } from './batch-get.ts';

const key = (gridId: string, day: string) => ({ pk: `SNAP#${gridId}`, sk: day });

/** Closed-day snapshots in the stats table: what reports of past days read. */
export class SnapshotStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /** Many grids' snapshots of one day in batch reads: what a report of a unit costs. */
  async ofDay(gridIds: readonly string[], day: string): Promise<Map<string, GridDaySnapshot & { closedAt: string }>> {
    const items = await getAll(this.#documents, this.#table, gridIds.map((g) => key(g, day)));
    return new Map(items.map(({ pk: _pk, sk: _sk, ...s }) => [String(s['gridId']), s as unknown as GridDaySnapshot & { closedAt: string }]));
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
    const { pk: _pk, sk: _sk, closedAt: _closedAt, ...snapshot } = out.Item;
    return snapshot as GridDaySnapshot;
  }
}
