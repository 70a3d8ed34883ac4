import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PersonScan, ScanPort } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { putIfAbsent } from './create-once.ts';

const personKey = (personId: string, slot: string) => ({ pk: `P#${personId}`, sk: slot });
/** Most person items one history read evaluates (each about 250 bytes: 1,000 is ~250 kB, ~31 read units). */
export const historyReadCap = 1_000;
/** Most scans a history answers: a fortnight of a busy resident's gates (several a day) fits well inside. */
export const historyLimit = 200;

/** Each person's scans in the scans table (with TTL): the verdict route's claims, and what a resident's view shows. */
export class ScanStore implements ScanPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #scans: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#scans = table;
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
}
