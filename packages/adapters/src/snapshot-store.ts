import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { GridDaySnapshot } from '@firstline/domain';

const key = (gridId: string, day: string) => ({ pk: `SNAP#${gridId}`, sk: day });

/** Closed-day snapshots in the stats table: what reports of past days read. */
export class SnapshotStore {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
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
    const { gridId: g, day: d, scans, cases, work, reported, deliveries, streak } = out.Item as GridDaySnapshot;
    return { gridId: g, day: d, scans, cases, work, reported, deliveries, streak };
  }
}
