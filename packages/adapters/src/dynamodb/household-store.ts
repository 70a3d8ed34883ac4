import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HouseholdBuildings } from '@firstline/app/residents/household-building';
import type { CareVisit, HouseholdNeedsPort, HouseholdNeedsRecord, OutingsPort, OutingsState } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { conditionHeld, putIfAbsent } from './create-once.ts';
import { queryAll } from './query-all.ts';

const key = (householdId: string) => ({ pk: `HOUSEHOLD#${householdId}`, sk: 'OUTINGS' });
const buildingKey = (householdId: string) => ({ pk: `HOUSEHOLD#${householdId}`, sk: 'BUILDING' });
const needsKey = (householdId: string) => ({ pk: `HOUSEHOLD#${householdId}`, sk: 'NEEDS' });
/** The index partition listing a grid's households with needs. */
const gridNeeds = (gridId: string) => `GRIDNEEDS#${gridId}`;
/** The district's households with a schedule, dialysis or medicine (gsi2, sparse): what the recurring job reads. */
const scheduledList = 'SCHEDULED';

/**
 * Households: pass-quota state, one small item per household, changed only with optimistic
 * concurrency; the building each belongs to, written once; and a vulnerable household's needs,
 * listed per grid.
 */
export class HouseholdStore implements OutingsPort, HouseholdBuildings, HouseholdNeedsPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  async load(householdId: string): Promise<OutingsState> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key(householdId), ConsistentRead: true }));
    return { outings: (out.Item?.['outings'] ?? []) as OutingsState['outings'], version: Number(out.Item?.['version'] ?? 0) };
  }

  /** Saves new outings if the household is still at `state.version`; false when two gates raced. */
  async save(householdId: string, state: OutingsState): Promise<boolean> {
    return conditionHeld(this.#documents.send(new PutCommand({
      TableName: this.#table,
      Item: { ...key(householdId), outings: state.outings, version: state.version + 1 },
      ConditionExpression: state.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
      ExpressionAttributeValues: state.version === 0 ? undefined : { ':v': state.version },
    })));
  }

  async bind(householdId: string, buildingId: string): Promise<{ buildingId: string; placed: boolean }> {
    if (await putIfAbsent(this.#documents, this.#table, { ...buildingKey(householdId), buildingId })) return { buildingId, placed: true };
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: buildingKey(householdId), ConsistentRead: true }));
    return { buildingId: String(out.Item?.['buildingId']), placed: false };
  }

  async buildingsOf(householdIds: readonly string[]): Promise<Map<string, string>> {
    const items = await getAll(this.#documents, this.#table, householdIds.map(buildingKey), { consistent: true });
    return new Map(items.map((item) => [String(item['pk']).slice('HOUSEHOLD#'.length), String(item['buildingId'])]));
  }

  /** Replaces the household's needs, keeping its care visits. */
  async saveNeeds(record: HouseholdNeedsRecord): Promise<void> {
    const { lastVisit: _kept, dueDate, dialysis, medicine, ...fields } = record;
    const scheduled = dialysis !== undefined || medicine !== undefined;
    const values = {
      ...fields, gsi1pk: gridNeeds(record.gridId), gsi1sk: record.householdId,
      ...(dueDate === undefined ? {} : { dueDate }), ...(dialysis === undefined ? {} : { dialysis }), ...(medicine === undefined ? {} : { medicine }),
      ...(scheduled ? { gsi2pk: scheduledList, gsi2sk: `${record.gridId}#${record.householdId}` } : {}),
    };
    const absent = { dueDate, dialysis, medicine };
    const removed = [...Object.entries(absent).filter(([, v]) => v === undefined).map(([k]) => k), ...(scheduled ? [] : ['gsi2pk', 'gsi2sk'])];
    const names = Object.keys(values);
    await this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: needsKey(record.householdId),
      UpdateExpression: `SET ${names.map((n, i) => `#f${i} = :f${i}`).join(', ')}${removed.length > 0 ? ` REMOVE ${removed.join(', ')}` : ''}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:f${i}`, values[n as keyof typeof values]])),
    }));
  }

  async needsOf(householdIds: readonly string[]): Promise<Map<string, HouseholdNeedsRecord>> {
    if (householdIds.length === 0) return new Map();
    const items = await getAll(this.#documents, this.#table, [...new Set(householdIds)].map(needsKey));
    return new Map(items.map((item) => [String(item['householdId']), toNeeds(item)]));
  }

  async recordVisit(householdId: string, visit: CareVisit): Promise<{ record: HouseholdNeedsRecord; kept: boolean }> {
    // A visit entered late (a carer offline) does not replace a later one, and the same visit sent
    // again (a retry) is not kept twice.
    const kept = await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: needsKey(householdId),
      UpdateExpression: 'SET lastVisit = :visit',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastVisit) OR lastVisit.#at < :at)',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':visit': visit, ':at': visit.at },
    })));
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: needsKey(householdId), ConsistentRead: true }));
    if (!out.Item) throw new Error(`household ${householdId} has no needs registered`);
    return { record: toNeeds(out.Item), kept };
  }

  async withSchedules(): Promise<HouseholdNeedsRecord[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': scheduledList },
    });
    return items.map(toNeeds);
  }

  async needsInGrid(gridId: string): Promise<HouseholdNeedsRecord[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': gridNeeds(gridId) },
    });
    return items.map(toNeeds);
  }
}

function toNeeds(item: Record<string, unknown>): HouseholdNeedsRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, gsi2pk: _g2, gsi2sk: _s2, ...record } = item;
  return record as unknown as HouseholdNeedsRecord;
}
