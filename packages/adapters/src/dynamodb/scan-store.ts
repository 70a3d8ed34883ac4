import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LiveCounts, PersonScan, ScanCountDelta, ScanPort, ScanRecord } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { addCounters, liveCountsOf } from './counters.ts';
import { putIfAbsent } from './create-once.ts';
import { queryAll } from './query-all.ts';

const personKey = (personId: string, slot: string) => ({ pk: `P#${personId}`, sk: slot });
const recordKey = (gridId: string, day: string, scanId: string) => ({ pk: `G#${gridId}#${day}`, sk: scanId });
const counterPrefix = 'SCANS#';
const counterKey = (gridId: string, day: string) => ({ pk: `${counterPrefix}${gridId}`, sk: day });
/** Most person items one history read evaluates (each about 250 bytes: 1,000 is ~250 kB, ~31 read units). */
export const historyReadCap = 1_000;
/** Most scans a history answers: a fortnight of a busy resident's gates (several a day) fits well inside. */
export const historyLimit = 200;

/** Scans and their counters: the scans table (records, with TTL) and the stats table (counters). */
export class ScanStore implements ScanPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #scans: string;
  readonly #stats: string;

  constructor(documents: DynamoDBDocumentClient, tables: { scans: string; stats: string }) {
    this.#documents = documents;
    this.#scans = tables.scans;
    this.#stats = tables.stats;
  }

  /** The person-history items at these slots, if any (one batch read for a whole upload). */
  async personScans(slots: readonly { personId: string; slot: string }[]): Promise<PersonScan[]> {
    const items = await getAll(this.#documents, this.#scans, slots.map((s) => personKey(s.personId, s.slot)), { consistent: true });
    return items.map((item) => ({ ...(item as unknown as PersonScan), personId: String(item['pk']).slice(2), slot: String(item['sk']) }));
  }

  /** Claims a slot; false when it is taken (a repeat of this scan, or the code was already used). */
  claimPersonScan(scan: PersonScan): Promise<boolean> {
    const { personId, slot, ...rest } = scan;
    return putIfAbsent(this.#documents, this.#scans, { ...personKey(personId, slot), ...rest });
  }

  /**
   * A person's scans at or after `since`, newest first, at most `limit`. A person's items are keyed
   * by slot (code or scan id), not by time, so the read stops after `historyReadCap` items whatever
   * it found: a person made to hold thousands of scans costs one bounded read (about 30 read units),
   * and below the cap, which a real person's 28 days of scans stay far under, the answer is exact.
   */
  async history(personId: string, since: string, limit = historyLimit): Promise<PersonScan[]> {
    const items: Record<string, unknown>[] = [];
    let read = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents.send(new QueryCommand({
        TableName: this.#scans,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: '#at >= :since',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':pk': `P#${personId}`, ':since': since },
        Limit: historyReadCap - read,
        ExclusiveStartKey: start,
      }));
      items.push(...(page.Items ?? []));
      read += page.ScannedCount ?? 0;
      start = page.LastEvaluatedKey;
    } while (start && read < historyReadCap);
    return items
      .map((item) => ({ ...(item as unknown as PersonScan), personId, slot: String(item['sk']) }))
      .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
      .slice(0, limit);
  }

  /**
   * Records a scan once: true if this call recorded it, false if it was already recorded. The
   * record is the source of truth that counters are recounted from.
   */
  record(scan: ScanRecord): Promise<boolean> {
    return putIfAbsent(this.#documents, this.#scans, { ...recordKey(scan.gridId, scan.day, scan.scanId), ...scan });
  }

  /** Every recorded scan of a grid on a day: what an exact recount reads. */
  async recordsOf(gridId: string, day: string): Promise<ScanRecord[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#scans,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': recordKey(gridId, day, '').pk },
    });
    return items.map(({ pk: _pk, sk: _sk, ...record }) => record as unknown as ScanRecord);
  }

  /** Adds a batch's counts: one update per grid and day, whatever the number of scans. */
  async addCounts(delta: ScanCountDelta): Promise<void> {
    await addCounters(this.#documents, this.#stats, counterKey(delta.gridId, delta.day), delta.counts);
  }

  async liveCounts(gridIds: readonly string[], day: string): Promise<Map<string, LiveCounts>> {
    return liveCountsOf(await getAll(this.#documents, this.#stats, gridIds.map((g) => counterKey(g, day))), counterPrefix);
  }
}
