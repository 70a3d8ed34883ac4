import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BuildingSlot, CreateOutcome, RoundCounts, RoundSample, SelfTest, TestResult, TestRound, TestRoundPort } from '@firstline/domain';
import { noCounts, resultDelta } from '@firstline/domain';
import { putAll } from './batch-write.ts';
import { addCounters } from './counters.ts';
import { conditionHeld, createOnce, putIfAbsent } from './create-once.ts';
import { partitionItems, queryAll } from './query-all.ts';

const roundKey = (roundId: string) => ({ pk: `TESTROUND#${roundId}`, sk: 'ROUND' });
const sampleKey = (roundId: string, personId: string) => ({ pk: `TESTROUND#${roundId}`, sk: `S#${personId}` });
/** The day's rounds and each building's counters share one partition: a day's report reads them in one query. */
const dayRoundKey = (day: string, roundId: string) => ({ pk: `TESTDAY#${day}`, sk: `ROUND#${roundId}` });
const countsKey = (day: string, roundId: string, buildingId: string) => ({ pk: `TESTDAY#${day}`, sk: `ROUND#${roundId}#B#${buildingId}` });
/** A building's slots by day: one small query for its residents' app. */
const buildingSlotKey = (buildingId: string, day: string, roundId: string) => ({ pk: `TESTBUILDING#${buildingId}`, sk: `${day}#${roundId}` });
/** A building's slot is kept a month past its day, then expires (the round and its samples stay). */
const slotKeptSeconds = 30 * 86_400;
const selfTestKey = (personId: string, testId: string) => ({ pk: `SELFTEST#${personId}`, sk: testId });

const toRound = ({ pk: _pk, sk: _sk, hash: _hash, ...round }: Record<string, unknown>): TestRound => round as unknown as TestRound;
const toSample = ({ pk: _pk, sk: _sk, ...sample }: Record<string, unknown>): RoundSample => sample as unknown as RoundSample;

function toCounts(item: Record<string, unknown>): RoundCounts {
  const n = (k: keyof RoundCounts) => Number(item[k] ?? 0);
  return { tested: n('tested'), negative: n('negative'), positive: n('positive'), invalid: n('invalid') };
}

/** Testing rounds in the core table: the round, its samples by person, and per building the counts a report reads. */
export class TestRoundStore implements TestRoundPort {
  readonly #documents: DynamoDBDocumentClient;
  readonly #table: string;

  constructor(documents: DynamoDBDocumentClient, table: string) {
    this.#documents = documents;
    this.#table = table;
  }

  /**
   * The round by id first (the create rule), then its copy under its day and each building's slot;
   * a repeat writes those again, which a crash may have left out.
   */
  async create(round: TestRound, hash: string): Promise<CreateOutcome> {
    const outcome = await createOnce(this.#documents, this.#table, { ...roundKey(round.roundId), ...round, hash });
    if (outcome === 'conflict') return outcome;
    const stored = outcome === 'created' ? round : (await this.get(round.roundId))!;
    await this.#documents.send(new PutCommand({ TableName: this.#table, Item: { ...dayRoundKey(stored.day, stored.roundId), ...stored } }));
    const expiresAt = Math.floor(Date.parse(`${stored.day}T00:00:00Z`) / 1000) + slotKeptSeconds;
    await putAll(this.#documents, this.#table, stored.slots.flatMap((slot) => slot.buildingIds.map((buildingId) => ({
      ...buildingSlotKey(buildingId, stored.day, stored.roundId),
      roundId: stored.roundId, kind: stored.kind, day: stored.day, place: stored.place, from: slot.from, to: slot.to, expiresAt,
    }))));
    return outcome;
  }

  async slotsOf(buildingId: string, fromDay: string): Promise<BuildingSlot[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': `TESTBUILDING#${buildingId}`, ':from': fromDay },
    });
    return items.map(({ roundId, kind, day, place, from, to }) => ({ roundId, kind, day, place, from, to }) as BuildingSlot);
  }

  async sampleOf(roundId: string, personId: string): Promise<RoundSample | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: sampleKey(roundId, personId) }));
    return out.Item ? toSample(out.Item) : undefined;
  }

  async get(roundId: string): Promise<TestRound | undefined> {
    const out = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: roundKey(roundId), ConsistentRead: true }));
    return out.Item ? toRound(out.Item) : undefined;
  }

  async ofDay(day: string): Promise<{ round: TestRound; counts: Map<string, RoundCounts> }[]> {
    const items = await partitionItems(this.#documents, this.#table, `TESTDAY#${day}`);
    const rounds = new Map<string, { round: TestRound; counts: Map<string, RoundCounts> }>();
    for (const item of items.filter((i) => !String(i['sk']).includes('#B#'))) rounds.set(String(item['roundId']), { round: toRound(item), counts: new Map() });
    for (const item of items.filter((i) => String(i['sk']).includes('#B#'))) {
      const [roundId, buildingId] = String(item['sk']).slice('ROUND#'.length).split('#B#') as [string, string];
      rounds.get(roundId)?.counts.set(buildingId, toCounts(item));
    }
    return [...rounds.values()];
  }

  async sample(sample: RoundSample): Promise<{ outcome: 'sampled' | 'repeat'; sample: RoundSample }> {
    const key = sampleKey(sample.roundId, sample.personId);
    if (!(await putIfAbsent(this.#documents, this.#table, { ...key, ...sample }))) {
      const held = await this.#documents.send(new GetCommand({ TableName: this.#table, Key: key, ConsistentRead: true }));
      return { outcome: 'repeat', sample: toSample(held.Item!) };
    }
    await addCounters(this.#documents, this.#table, countsKey(sample.day, sample.roundId, sample.buildingId), { ...noCounts, tested: 1, ...(sample.result && { [sample.result]: 1 }) });
    return { outcome: 'sampled', sample };
  }

  async samples(roundId: string): Promise<RoundSample[]> {
    const items = await queryAll(this.#documents, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': roundKey(roundId).pk, ':s': 'S#' },
      ConsistentRead: true,
    });
    return items.map(toSample);
  }

  async setResult(sample: RoundSample, held: TestResult | undefined, result: TestResult, at: string): Promise<boolean> {
    const set = await conditionHeld(this.#documents.send(new UpdateCommand({
      TableName: this.#table,
      Key: sampleKey(sample.roundId, sample.personId),
      UpdateExpression: 'SET #result = :result, resultAt = :at',
      ConditionExpression: held === undefined ? 'attribute_exists(pk) AND attribute_not_exists(#result)' : '#result = :held',
      ExpressionAttributeNames: { '#result': 'result' },
      ExpressionAttributeValues: { ':result': result, ':at': at, ...(held !== undefined && { ':held': held }) },
    })));
    if (set) await addCounters(this.#documents, this.#table, countsKey(sample.day, sample.roundId, sample.buildingId), resultDelta(held, result));
    return set;
  }

  recordSelfTest(test: SelfTest): Promise<CreateOutcome> {
    return createOnce(this.#documents, this.#table, { ...selfTestKey(test.personId, test.testId), ...test });
  }
}
