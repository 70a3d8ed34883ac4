import { dayOf } from '../calendar.ts';
import type { Registry } from '../registry/registry.ts';

export type TestKind = 'pcr' | 'antigen';
export type TestResult = 'negative' | 'positive' | 'invalid';

/** One batch of a round: these buildings come down to the sampling point between `from` and `to`. */
export interface RoundSlot {
  readonly from: string;
  readonly to: string;
  readonly buildingIds: readonly string[];
}

/**
 * A testing round (核酸 or 抗原) of one community on one day: its buildings in batches and time
 * slots at one sampling point (以楼栋为单位，分批分次). `expected` is how many residents each
 * building had registered when the round was opened: what completeness is measured against.
 */
export interface TestRound {
  readonly roundId: string;
  readonly communityId: string;
  readonly kind: TestKind;
  readonly day: string;
  readonly place: string;
  readonly slots: readonly RoundSlot[];
  readonly expected: Readonly<Record<string, number>>;
  readonly households: number;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A person tested in a round, once: sampled at the point, or their own antigen test. */
export interface RoundSample {
  readonly roundId: string;
  readonly day: string;
  readonly personId: string;
  readonly buildingId: string;
  readonly householdId: string;
  readonly sampleId: string;
  readonly at: string;
  readonly by: string;
  readonly tubeId?: string | undefined;
  readonly selfTest?: true | undefined;
  readonly result?: TestResult | undefined;
  readonly resultAt?: string | undefined;
  /** Epoch seconds after which the sample (a person's health data) expires: the district's retention window. */
  readonly expiresAt: number;
}

/** A building's figures in a round, as counted when each sample and result landed. */
export interface RoundCounts {
  readonly tested: number;
  readonly negative: number;
  readonly positive: number;
  readonly invalid: number;
}

export const noCounts: RoundCounts = { tested: 0, negative: 0, positive: 0, invalid: 0 };

/**
 * The most swabs one tube may pool (混采: 10 or 20 to a tube): a tube said to hold more is taken for
 * a mistake or a bent rule, since one positive there would open a case for everyone in it.
 */
export const maxSwabsPerTube = 20;

/** When a sample or self-test taken at `at` expires: kept as long as a scan record, the district's retention window. */
export function testExpiresAt(at: string, policy: { readonly retentionDays: number }): number {
  return Math.floor((Date.parse(at) + policy.retentionDays * 86_400_000) / 1000);
}

/** How far ahead a round may be planned: a fortnight, the longest a community plans its rounds. */
export const roundPlanDays = 14;

/**
 * What the registry and the clock say against a planned round, each with the path of the field:
 * buildings of the round's community only, each slot on the round's day (district time), the day
 * from today to a fortnight ahead.
 */
export function roundProblems(
  round: Pick<TestRound, 'communityId' | 'day' | 'slots'>,
  registry: Registry,
  now: Date,
): { path: string; message: string }[] {
  const timeZone = registry.district.timeZone;
  const problems: { path: string; message: string }[] = [];
  const gridsOfCommunity = new Set(registry.grids.filter((g) => g.communityId === round.communityId).map((g) => g.id));
  if (gridsOfCommunity.size === 0) problems.push({ path: 'communityId', message: `no community ${round.communityId} with grids` });
  const buildings = new Map(registry.buildings.map((b) => [b.id, b]));
  const today = dayOf(now, timeZone);
  const last = dayOf(new Date(now.getTime() + roundPlanDays * 86_400_000), timeZone);
  if (round.day < today || round.day > last) problems.push({ path: 'day', message: `a round is planned from today (${today}) to ${last}` });
  round.slots.forEach((slot, s) => {
    if (dayOf(slot.from, timeZone) !== round.day) problems.push({ path: `slots.${s}.from`, message: `the slot starts on another day than ${round.day}` });
    if (dayOf(new Date(Date.parse(slot.to) - 1), timeZone) !== round.day) problems.push({ path: `slots.${s}.to`, message: `the slot ends on another day than ${round.day}` });
    slot.buildingIds.forEach((b, i) => {
      const building = buildings.get(b);
      if (!building) problems.push({ path: `slots.${s}.buildingIds.${i}`, message: `unknown building ${b}` });
      else if (!gridsOfCommunity.has(building.gridId)) problems.push({ path: `slots.${s}.buildingIds.${i}`, message: `building ${b} is not in community ${round.communityId}` });
    });
  });
  return problems;
}

export const roundBuildings = (round: Pick<TestRound, 'slots'>): string[] => round.slots.flatMap((s) => s.buildingIds);

export function slotOf(round: Pick<TestRound, 'slots'>, buildingId: string): RoundSlot | undefined {
  return round.slots.find((s) => s.buildingIds.includes(buildingId));
}

/**
 * What a result changes, from what the sample held: a first result or an invalid one re-tested
 * is recorded; the same again changes nothing; a negative turned positive (or back) is a conflict,
 * settled by a new round or a case, not by overwriting the lab's answer.
 */
export function resultChange(held: TestResult | undefined, result: TestResult): 'recorded' | 'unchanged' | 'conflict' {
  if (held === result) return 'unchanged';
  if (held === undefined || held === 'invalid') return 'recorded';
  return 'conflict';
}

/** The counter moves of a result recorded over what the sample held. */
export function resultDelta(held: TestResult | undefined, result: TestResult): Partial<Record<TestResult, number>> {
  return held === undefined ? { [result]: 1 } : { [held]: -1, [result]: 1 };
}

/** Tested ÷ expected in percent, one decimal; 0 of 0 is complete. */
export function completeness(tested: number, expected: number): number {
  return expected === 0 ? 100 : Math.round((Math.min(tested, expected) / expected) * 1000) / 10;
}

