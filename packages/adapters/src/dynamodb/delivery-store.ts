import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CreateOutcome, Delivery, DeliveryCountDelta, DeliveryPort, DeliveryStatus, LiveCounts, Page, StoredDelivery } from '@firstline/domain';
import { isOpenStatus } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { addCounters, counterValues, liveCountsOf } from './counters.ts';
import { conditionHeld, createOnce } from './create-once.ts';
import { pageCursor } from './page-cursor.ts';
import { queryAll } from './query-all.ts';

const key = (deliveryId: string) => ({ pk: `DEL#${deliveryId}`, sk: 'DELIVERY' });

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

export class DeliveryStore implements DeliveryPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #stats: string;

  constructor(documents: DynamoDBDocumentClient, tables: { core: string; stats: string }) {
    this.#documents = documents;
    this.#table = tables.core;
    this.#stats = tables.stats;
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
    return createOnce(this.#documents, this.#table, { ...key(delivery.deliveryId), ...delivery, ...indexKeys(delivery), version: 0, hash, uncounted: true });
  }

  /**
   * Takes the right to count a new delivery's request, once: true for exactly one caller (the
   * request that created it, or the first repeat after a crash before counting). Bumps the version,
   * so a save prepared before the claim cannot put `uncounted` back. Count after claiming: a crash
   * in between leaves the count short, never double.
   */
  async claimCounting(deliveryId: string): Promise<boolean> {
    return conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: key(deliveryId),
      UpdateExpression: 'REMOVE uncounted SET version = version + :one',
      ConditionExpression: 'attribute_exists(uncounted)',
      ExpressionAttributeValues: { ':one': 1 },
    })));
  }

  async get(deliveryId: string): Promise<StoredDelivery | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(deliveryId), ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : undefined;
  }

  async getMany(deliveryIds: readonly string[]): Promise<StoredDelivery[]> {
    return (await getAll(this.#documents, this.#table, deliveryIds.map(key), { consistent: true })).map(fromItem);
  }

  /** Replaces the delivery if nobody changed it since `version`; false means re-read and decide again. */
  async save(delivery: Delivery, version: number, hash: string): Promise<boolean> {
    return conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...key(delivery.deliveryId), ...delivery, ...indexKeys(delivery), version: version + 1, hash },
      ConditionExpression: 'version = :v',
      ExpressionAttributeValues: { ':v': version },
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
