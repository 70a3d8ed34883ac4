import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryScope, ScopableDeliveries } from '@firstline/app/deliveries/delivery-scope';
import type { CreateOutcome, Delivery, DeliveryCountDelta, DeliveryStatus, LiveCounts, Page, StoredDelivery } from '@firstline/domain';
import { ConflictError, eachLimited, isOpenStatus } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { addCounters, counterValues, liveCountsOf } from './counters.ts';
import { conditionHeld, createOnce } from './create-once.ts';
import { pageCursor } from './page-cursor.ts';
import { partitionItems, queryAll } from './query-all.ts';

/**
 * A delivery id's partition holds one item per grid that used the id: ids are chosen by clients,
 * and a grid that took an id first must not block another grid's order under it. Items written
 * before ids were kept apart by grid sit at `legacySortKey` (one per id) and are still read and saved.
 */
const idPartition = (deliveryId: string) => `DEL#${deliveryId}`;
const key = (d: Pick<Delivery, 'deliveryId' | 'gridId'>) => ({ pk: idPartition(d.deliveryId), sk: `G#${d.gridId}` });
const legacySortKey = 'DELIVERY';

/**
 * Index keys: a grid's deliveries by status and age (gsi1: the dispatch queue and the dispatcher's
 * list), and a volunteer's open tasks in walking order (gsi2, only while the task is theirs).
 */
function indexKeys(d: Delivery) {
  const call = String(d.callNumber ?? 0).padStart(6, '0');
  return {
    gsi1pk: gridList(d.gridId),
    gsi1sk: `${d.status}#${d.requestedAt}#${d.deliveryId}`,
    ...(d.volunteerId && isOpenStatus(d.status) ? { gsi2pk: `VOLTASK#${d.volunteerId}`, gsi2sk: `${d.buildingId}#${call}#${d.deliveryId}` } : {}),
    gsi3pk: householdList(d.householdId),
    gsi3sk: `${d.requestedAt}#${d.deliveryId}`,
  };
}

function fromItem(item: Record<string, unknown>): StoredDelivery {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, ...delivery } = item;
  return delivery as unknown as StoredDelivery;
}

const gridList = (gridId: string) => `GRIDDEL#${gridId}`;
const householdList = (householdId: string) => `HHDEL#${householdId}`;
const counterPrefix = 'DELIV#';
const counterKey = (gridId: string, day: string) => ({ pk: `${counterPrefix}${gridId}`, sk: day });
/** A page of a grid's list continues only that grid's list, from a key of this table's gsi1. */
const gridPages = pageCursor(['pk', 'sk', 'gsi1pk', 'gsi1sk']);

export class DeliveryStore implements ScopableDeliveries {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #stats: string;
  readonly #scope: DeliveryScope;

  constructor(documents: DynamoDBDocumentClient, tables: { core: string; stats: string }, scope: DeliveryScope = {}) {
    this.#documents = documents;
    this.#table = tables.core;
    this.#stats = tables.stats;
    this.#scope = scope;
  }

  /** The same store, reading deliveries by id only within `scope` (the request's grids, or its volunteer). */
  within(scope: DeliveryScope): DeliveryStore {
    return new DeliveryStore(this.#documents, { core: this.#table, stats: this.#stats }, scope);
  }

  #admits(item: Record<string, unknown>): boolean {
    const { gridIds, volunteerIds } = this.#scope;
    if (gridIds && !gridIds.includes(String(item['gridId']))) return false;
    const holder = item['volunteerId'];
    return !volunteerIds || holder === undefined || volunteerIds.includes(String(holder));
  }

  /** Every item under the id. */
  #underId(deliveryId: string): Promise<Record<string, unknown>[]> {
    return partitionItems(this.#documents, this.#table, idPartition(deliveryId));
  }

  /** Every item under the id that the scope admits: normally one. */
  async #candidates(deliveryId: string): Promise<Record<string, unknown>[]> {
    return (await this.#underId(deliveryId)).filter((item) => this.#admits(item));
  }

  /**
   * The one item the id means within the scope. Several grids' deliveries under one id, with a
   * scope that does not tell them apart (a district-wide token), is a conflict the caller resolves
   * by asking with a token of one grid; a volunteer means the one they hold.
   */
  async #resolve(deliveryId: string): Promise<Record<string, unknown> | undefined> {
    const all = await this.#underId(deliveryId);
    const found = all.filter((item) => this.#admits(item));
    if (found.length === 0 && this.#scope.showOutside && all.length === 1) return all[0];
    if (found.length <= 1) return found[0];
    const held = this.#scope.volunteerIds ? found.filter((item) => item['volunteerId'] !== undefined) : [];
    if (held.length === 1) return held[0];
    const grids = found.map((item) => String(item['gridId'])).sort().join(', ');
    throw new ConflictError(`delivery id ${deliveryId} is used in grids ${grids}; ask with a token of one of them`);
  }

  /** A grid-day's delivery counters. */
  async counts(gridId: string, day: string): Promise<Record<string, number>> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#stats, Key: counterKey(gridId, day) }));
    return counterValues(out.Item);
  }

  /** Adds the report counters a change of status moved (requested, delivered, failed, minutes…). */
  async addCounts(deltas: readonly DeliveryCountDelta[]): Promise<void> {
    await Promise.all(deltas.map((d) => addCounters(this.#documents, this.#stats, counterKey(d.gridId, d.day), d.counts)));
  }

  async liveCounts(gridIds: readonly string[], day: string): Promise<Map<string, LiveCounts>> {
    return liveCountsOf(await getAll(this.#documents, this.#stats, gridIds.map((g) => counterKey(g, day))), counterPrefix);
  }

  /**
   * Creates once; the same order again is a repeat, another order under the id a conflict. A new
   * delivery carries `uncounted` until `claimCounting` takes it, so a repeat after a crash can
   * still count an order the first request created but never counted.
   */
  create(delivery: Delivery, hash: string): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...key(delivery), ...delivery, ...indexKeys(delivery), version: 0, hash, uncounted: true });
  }

  /**
   * Takes the right to count a new delivery's request, once: true for exactly one caller (the
   * request that created it, or the first repeat after a crash before counting). Bumps the version,
   * so a save prepared before the claim cannot put `uncounted` back. Count after claiming: a crash
   * in between leaves the count short, never double.
   */
  async claimCounting(deliveryId: string): Promise<boolean> {
    const item = await this.#resolve(deliveryId);
    if (!item) return false;
    return conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: { pk: String(item['pk']), sk: String(item['sk']) },
      UpdateExpression: 'REMOVE uncounted SET version = version + :one',
      ConditionExpression: 'attribute_exists(uncounted)',
      ExpressionAttributeValues: { ':one': 1 },
    })));
  }

  async get(deliveryId: string): Promise<StoredDelivery | undefined> {
    const item = await this.#resolve(deliveryId);
    return item ? fromItem(item) : undefined;
  }

  /** Every delivery under these ids that the scope admits (an id used by two grids may give two). */
  async getMany(deliveryIds: readonly string[]): Promise<StoredDelivery[]> {
    const found: StoredDelivery[] = [];
    await eachLimited([...new Set(deliveryIds)], 16, async (id) => {
      found.push(...(await this.#candidates(id)).map(fromItem));
    });
    return found;
  }

  /** Replaces the delivery if nobody changed it since `version`; false means re-read and decide again. */
  async save(delivery: Delivery, version: number, hash: string): Promise<boolean> {
    const item = { ...delivery, ...indexKeys(delivery), version: version + 1, hash };
    const saved = await conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...key(delivery), ...item },
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': version },
    })));
    if (saved) return true;
    // A delivery from before ids were kept apart by grid: saved where it is, if it is this grid's.
    return conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { pk: idPartition(delivery.deliveryId), sk: legacySortKey, ...item },
      ConditionExpression: 'version = :v AND gridId = :grid',
      ExpressionAttributeValues: { ':v': version, ':grid': delivery.gridId },
    })));
  }

  /** A page of a grid's deliveries, oldest first, optionally of one status. */
  async byGrid(gridId: string, status: DeliveryStatus | undefined, limit: number, cursor?: string): Promise<Page<StoredDelivery>> {
    const start = gridPages.decode(cursor, { equal: { gsi1pk: gridList(gridId) }, ...(status ? { prefix: { gsi1sk: `${status}#` } } : {}) });
    const page = await this.#documents.send(new QueryCommand({
      TableName: this.#table,
      IndexName: 'gsi1',
      KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :status)' : 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gridList(gridId), ...(status ? { ':status': `${status}#` } : {}) },
      Limit: limit,
      ExclusiveStartKey: start,
    }));
    return { items: (page.Items ?? []).map(fromItem), next: gridPages.encode(page.LastEvaluatedKey) };
  }

  /** Every queued delivery of a grid (what the dispatcher plans over). */
  async queued(gridId: string): Promise<StoredDelivery[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :status)',
      ExpressionAttributeValues: { ':pk': gridList(gridId), ':status': 'queued#' },
    });
    return items.map(fromItem);
  }

  /** A volunteer's open tasks, in walking order (building, then call number). */
  async tasksOf(volunteerId: string): Promise<StoredDelivery[]> {
    const out = await this.#documents.send(new QueryCommand({
      TableName: this.#table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `VOLTASK#${volunteerId}` },
    }));
    return (out.Items ?? []).map(fromItem);
  }

  /** A household's latest deliveries, newest first. */
  async ofHousehold(householdId: string, limit: number): Promise<StoredDelivery[]> {
    const out = await this.#documents.send(new QueryCommand({
      TableName: this.#table,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': householdList(householdId) },
      ScanIndexForward: false,
      Limit: limit,
    }));
    return (out.Items ?? []).map(fromItem);
  }
}
