import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeverScan, FeverScanPort, FollowUp, WorkListPage, WorkListScope } from '@firstline/domain';
import { limiter } from '@firstline/domain';
import { conditionHeld, putIfAbsent } from './create-once.ts';
import { mergePages, workListCursor } from './work-list-cursor.ts';

const key = (gridId: string, scanId: string) => ({ pk: `FEVER#${gridId}#${scanId}`, sk: 'FEVER' });
/** The waiting list per grid (gsi1) and for the district (gsi2), both sorted by time, then grid, then scan. */
const gridList = (gridId: string) => `FEVERWAIT#${gridId}`;
const districtList = 'FEVERWAIT';
const sortKey = (s: Pick<FeverScan, 'at' | 'gridId' | 'scanId'>) => `${s.at}#${s.gridId}#${s.scanId}`;
const cursor = workListCursor(/^\d{4}-\d\d-\d\dT[0-9:.]+Z#[A-Za-z0-9._:-]+#[A-Za-z0-9._:-]+$/);

/** A grid worker's grids read side by side, a few at a time. */
const gridsInFlight = limiter(16);

/**
 * Fever scans waiting for a follow-up, in the core table: one item per grid and scan id, on two
 * sparse lists (its grid's, the district's) until it is followed up, then off both.
 */
export class FeverScanStore implements FeverScanPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async keep(scan: FeverScan): Promise<void> {
    const sk = sortKey(scan);
    await putIfAbsent(this.#documents, this.#table, { ...key(scan.gridId, scan.scanId), ...scan, gsi1pk: gridList(scan.gridId), gsi1sk: sk, gsi2pk: districtList, gsi2sk: sk });
  }

  async waiting(scope: WorkListScope, since: string, limit: number, after?: string): Promise<WorkListPage<FeverScan>> {
    const from = cursor.decode(after);
    const read = async (index: 'gsi1' | 'gsi2', pk: string) => {
      const startAfter = from !== undefined && from >= since;
      const out = await this.#documents.send(new QueryCommand({
        TableName: this.#table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk AND ${index}sk ${startAfter ? '>' : '>='} :from`,
        ExpressionAttributeValues: { ':pk': pk, ':from': startAfter ? from : since },
        Limit: limit + 1,
      }));
      return (out.Items ?? []).map((item) => ({ sk: item[`${index}sk`] as string, item: toScan(item) }));
    };
    const pages = scope === 'district'
      ? [await read('gsi2', districtList)]
      : await Promise.all([...new Set(scope)].map((gridId) => gridsInFlight(() => read('gsi1', gridList(gridId)))));
    const { items, last } = mergePages(pages, limit);
    return { items, next: cursor.encode(last) };
  }

  async get(gridId: string, scanId: string): Promise<FeverScan | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(gridId, scanId), ConsistentRead: true }));
    return out.Item ? toScan(out.Item) : undefined;
  }

  async followUp(gridId: string, scanId: string, followUp: FollowUp): Promise<FeverScan | undefined> {
    await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(gridId, scanId),
      UpdateExpression: 'SET followUp = :followUp REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(followUp)',
      ExpressionAttributeValues: { ':followUp': followUp },
    })));
    return this.get(gridId, scanId);
  }
}

function toScan(item: Record<string, unknown>): FeverScan {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...scan } = item;
  return scan as unknown as FeverScan;
}
