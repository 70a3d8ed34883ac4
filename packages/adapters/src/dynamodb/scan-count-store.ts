import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchHandle, CountedScan, LiveCounts, PackedBatch, PackedScan, ScanCountDelta, ScanCountPort, ScanRecord } from '@firstline/domain';
import { distinctScans, scanReadGroupOf } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { addCounters, liveCountsOf } from './counters.ts';
import { queryAll } from './query-all.ts';
import { chunks, decodePack, encodePack, groupBy, minBy } from './scan-packs.ts';

const counterPrefix = 'SCANS#';
const counterKey = (gridId: string, day: string) => ({ pk: `${counterPrefix}${gridId}`, sk: day });
const foldKey = { pk: 'FOLD#SCANS', sk: 'LIVE' };

/** Scans in one pack item at most: ~35 bytes each compressed, so a pack stays far under DynamoDB's 400 KB. */
const packChunk = 2_000;
/** A day's packs of one read group (`scanReadGroupOf`). */
const packPartition = (day: string, group: number) => `K#${day}#${group}`;
/** Markers of 1,000 buckets share a partition (16 hours of minutes), so a window is one or two queries. */
const markerGroup = 1_000;
const bucketText = (bucket: number) => String(bucket).padStart(12, '0');
const markerKey = (batch: BatchHandle) => ({ pk: `LIVE#${Math.floor(batch.bucket / markerGroup)}`, sk: `${bucketText(batch.bucket)}#${batch.id}` });
const markerPartitions = (from: number, to: number) =>
  Array.from({ length: Math.floor(to / markerGroup) - Math.floor(from / markerGroup) + 1 }, (_, i) => `LIVE#${Math.floor(from / markerGroup) + i}`);
/** A batch's marker is needed for the fold's window only: kept a day. */
const markerDays = 1;
/**
 * The scans as they are counted: packed a batch at a time in the scans table (packs and the markers
 * of the batches that wrote them, with TTL), and the live counters in the stats table with how far
 * they were folded.
 */
export class ScanCountStore implements ScanCountPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #scans: string;
  readonly #stats: string;
  readonly #packCache = new Map<string, { bucket: number; scans: PackedScan[] }>();

  constructor(documents: DynamoDBDocumentClient, tables: { scans: string; stats: string }) {
    this.#documents = documents;
    this.#scans = tables.scans;
    this.#stats = tables.stats;
  }

  /** See `ScanCountPort.pack`: the batch's marker (begun, not counted), then one pack per day, read group and chunk. */
  async pack(bucket: number, scans: readonly (PackedScan & Pick<ScanRecord, 'at' | 'expiresAt'>)[], beganBy: Date): Promise<BatchHandle | 'late'> {
    const begunAt = Date.now();
    const batch = { bucket, id: `${String(begunAt).padStart(13, '0')}#${randomUUID()}` };
    const packs = [...groupBy(scans, (s) => `${packPartition(s.day, scanReadGroupOf(s.gridId))}|${s.at.slice(0, 13)}`).values()]
      .flatMap((group) => chunks(group, packChunk))
      .map((chunk, n) => ({ pk: packPartition(chunk[0]!.day, scanReadGroupOf(chunk[0]!.gridId)), sk: `${markerKey(batch).sk}#${n}`, chunk }));
    await this.#documents.send(new PutCommand({
      TableName: this.#scans,
      Item: { ...markerKey(batch), packs: packs.map((p) => [p.pk, p.sk]), counted: false, begunAt, at: new Date(begunAt).toISOString(), expiresAt: Math.floor(begunAt / 1000) + markerDays * 86_400 },
    }));
    if (Date.now() >= beganBy.getTime()) {
      // Perhaps too late for a fold that already read its bucket: withdrawn, to begin again in a later bucket.
      await this.#documents.send(new DeleteCommand({ TableName: this.#scans, Key: markerKey(batch) }));
      return 'late';
    }
    await Promise.all(packs.map((p) => this.#documents.send(new PutCommand({
      TableName: this.#scans,
      // Kept for the retention window from its earliest scan, not a second longer (its scans are of one hour).
      Item: { pk: p.pk, sk: p.sk, scans: encodePack(p.chunk), n: p.chunk.length, at: minBy(p.chunk, (s) => s.at), expiresAt: Math.min(...p.chunk.map((s) => s.expiresAt)) },
    }))));
    return batch;
  }

  async markCounted(batch: BatchHandle): Promise<void> {
    await this.#documents.send(new UpdateCommand({ TableName: this.#scans, Key: markerKey(batch), UpdateExpression: 'SET counted = :t', ExpressionAttributeValues: { ':t': true } }));
  }

  /**
   * A day's packs of a grid are in that day's partition of the grid's read group: each partition the
   * grids need is read whole once, keeping only their scans, each once.
   */
  async recordsOf(gridIds: readonly string[], day: string): Promise<Map<string, CountedScan[]>> {
    const wanted = new Set(gridIds);
    const groups = [...new Set(gridIds.map(scanReadGroupOf))];
    const items = (await Promise.all(groups.map((group) => queryAll(this.#documents, {
      TableName: this.#scans,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': packPartition(day, group) },
    })))).flat();
    const byGrid = new Map<string, CountedScan[]>();
    for (const item of items) {
      for (const { live: _live, ...scan } of decodePack(item, day)) {
        if (!wanted.has(scan.gridId)) continue;
        const scans = byGrid.get(scan.gridId);
        if (scans) scans.push(scan);
        else byGrid.set(scan.gridId, [scan]);
      }
    }
    return new Map([...byGrid].map(([grid, scans]) => [grid, distinctScans(scans)]));
  }

  /**
   * The batches begun in these buckets, read consistently (a marker just counted, a pack just
   * written). A pack is written once and never changes, so each is read once per container.
   */
  async batchesIn(fromBucket: number, toBucket: number): Promise<PackedBatch[]> {
    const markers = (await Promise.all(markerPartitions(fromBucket, toBucket).map((pk) => queryAll(this.#documents, {
      TableName: this.#scans,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': bucketText(fromBucket), ':to': `${bucketText(toBucket)}~` },
      ConsistentRead: true,
    })))).flat();
    for (const [key, pack] of this.#packCache) if (pack.bucket < fromBucket) this.#packCache.delete(key);
    const refs = markers.flatMap((m) => (m['packs'] as [string, string][]).map(([pk, sk]) => ({ pk, sk })));
    const missing = refs.filter((r) => !this.#packCache.has(`${r.pk}|${r.sk}`));
    for (const item of await getAll(this.#documents, this.#scans, missing, { consistent: true })) {
      const day = String(item['pk']).split('#')[1]!;
      this.#packCache.set(`${String(item['pk'])}|${String(item['sk'])}`, { bucket: Number(String(item['sk']).split('#')[0]), scans: decodePack(item, day) });
    }
    return markers.map((m) => {
      const sk = String(m['sk']);
      return {
        bucket: Number(sk.split('#')[0]),
        order: sk,
        counted: m['counted'] === true,
        begunAt: Number(m['begunAt']),
        // A pack not found was never written (its batch failed part-way): nothing of it to count or to see.
        scans: (m['packs'] as [string, string][]).flatMap(([pk, sk]) => this.#packCache.get(`${pk}|${sk}`)?.scans ?? []),
      };
    });
  }

  /** The bucket folded last is kept as text beside the counters: they are the item's numbers, and nothing else. */
  foldCounts(delta: ScanCountDelta, bucket: number, asOf: Date): Promise<void> {
    return addCounters(this.#documents, this.#stats, counterKey(delta.gridId, delta.day), delta.counts, { step: bucketText(bucket), asOf });
  }

  async foldedThrough(): Promise<number | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#stats, Key: foldKey, ConsistentRead: true }));
    return out.Item ? Number(out.Item['through']) : undefined;
  }

  async newestBatchBucket(bucket: number): Promise<number | undefined> {
    for (const pk of markerPartitions(bucket - markerGroup, bucket).reverse()) {
      const out = await this.#documents.send(new QueryCommand({
        TableName: this.#scans, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false, Limit: 1, ConsistentRead: true,
      }));
      const newest = out.Items?.[0];
      if (newest) return Number(String(newest['sk']).split('#')[0]);
    }
    return undefined;
  }

  async setFoldedThrough(bucket: number): Promise<void> {
    await this.#documents.send(new PutCommand({ TableName: this.#stats, Item: { ...foldKey, through: bucket } }));
  }

  async liveCounts(gridIds: readonly string[], day: string): Promise<Map<string, LiveCounts>> {
    return liveCountsOf(await getAll(this.#documents, this.#stats, gridIds.map((g) => counterKey(g, day))), counterPrefix);
  }
}
