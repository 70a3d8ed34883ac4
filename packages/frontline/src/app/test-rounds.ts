import { districtInstant } from './district-time.ts';
import type { ReadonlyRouteResponse } from '@firstline/schemas';
import type { MessageKey } from './i18n.ts';

/** The testing routes' answers, as their contracts give them (testing.schema.ts). */
export type RoundList = ReadonlyRouteResponse<'GET /v1/test-rounds'>;
export type RoundProgress = ReadonlyRouteResponse<'GET /v1/test-rounds/{roundId}'>;
export type ResultsRecorded = ReadonlyRouteResponse<'POST /v1/test-rounds/{roundId}/results'>;
export type TestRound = RoundProgress['round'];
export type RoundSlot = TestRound['slots'][number];
export type Building = RoundList['buildings'][number];
export type BuildingProgress = RoundProgress['buildings'][number];
export type ResultCounts = RoundProgress['results'];
/** A person tested whose result is not in: what the grid worker enters by hand. */
export type PendingPerson = BuildingProgress['pending'][number];
export type TestKind = TestRound['kind'];
export type TestResult = ReadonlyRouteResponse<'POST /v1/residents/{personId}/self-tests'>['result'];
export type SampleOutcome = ReadonlyRouteResponse<'POST /v1/test-rounds/{roundId}/samples'>['results'][number]['outcome'];

/** The testing vocabulary, each word with its message. */
export const testKindKeys: Readonly<Record<TestKind, MessageKey>> = { pcr: 'testing.kind.pcr', antigen: 'testing.kind.antigen' };
export const testResultKeys: Readonly<Record<TestResult, MessageKey>> = {
  negative: 'testing.result.negative', positive: 'testing.result.positive', invalid: 'testing.result.invalid',
};
export const outcomeKeys: Readonly<Record<SampleOutcome, MessageKey>> = {
  sampled: 'gate.sample.outcome.sampled', repeat: 'gate.sample.outcome.repeat', 'invalid-code': 'gate.sample.outcome.invalid-code',
  'unknown-person': 'gate.sample.outcome.unknown-person', 'not-in-round': 'gate.sample.outcome.not-in-round',
};

/** The whole round's time, first slot's start to last slot's end. */
export function roundSpan(round: Pick<TestRound, 'slots'>): [string, string] | undefined {
  const first = round.slots[0];
  const last = round.slots.at(-1);
  return first && last ? [first.from, last.to] : undefined;
}

/** Tested of expected, in whole percent for a bar (0 of 0 is complete, as the API counts it). */
export const percent = (tested: number, expected: number): number => (expected === 0 ? 100 : Math.min(100, Math.round((tested / expected) * 100)));

/** `HH:MM` as minutes after midnight, or undefined when it is not a time of day. */
export function minutesOf(time: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** What POST /v1/test-rounds takes: at most 48 slots of at most 50 buildings. */
export const slotLimits = { slots: 48, buildingsPerSlot: 50 } as const;

/**
 * 以楼栋为单位，分批分次: the buildings in their order cut into batches of `perSlot`, one after
 * another from `startMinutes` on the district's clock, `minutesEach` each. Undefined when the last
 * batch would run past midnight (a round is one day) or past the API's limits.
 */
export function planSlots(buildingIds: readonly string[], day: string, startMinutes: number, minutesEach: number, perSlot: number): RoundSlot[] | undefined {
  const slots: RoundSlot[] = [];
  for (let i = 0; i < buildingIds.length; i += perSlot) {
    const start = startMinutes + slots.length * minutesEach;
    if (start + minutesEach > 24 * 60) return undefined;
    slots.push({ from: districtInstant(day, start), to: districtInstant(day, start + minutesEach), buildingIds: buildingIds.slice(i, i + perSlot) });
  }
  return slots.length > slotLimits.slots ? undefined : slots;
}
