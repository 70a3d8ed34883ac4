import * as z from 'zod';
import { id, instant, personId, placeName } from './common.ts';
import { idNumber } from './residents.schema.ts';
import { clientDay, clientInstant } from './scans.schema.ts';

/** 核酸 (a swab the lab tests) or 抗原 (an antigen test read on the spot, which residents may also report themselves). */
export const testKind = z.enum(['pcr', 'antigen']);
export const testResult = z.enum(['negative', 'positive', 'invalid']);

/** One batch of a round: these buildings come down to the sampling point between `from` and `to` (以楼栋为单位，分批分次). */
const roundSlot = z.strictObject({
  from: clientInstant,
  to: clientInstant,
  buildingIds: z.array(id).min(1).max(50),
}).refine((s) => Date.parse(s.from) < Date.parse(s.to), { message: 'from comes before to', path: ['to'] });

/**
 * `POST /v1/test-rounds`: a testing round of a community on one day, its buildings in batches and
 * time slots at one sampling point (`place`, said in each household's SMS); every household of
 * the round's buildings is told its slot.
 */
export const postTestRoundBody = z.strictObject({
  roundId: id,
  communityId: id,
  kind: testKind,
  day: clientDay,
  place: placeName,
  slots: z.array(roundSlot).min(1).max(48),
}).refine((r) => new Set(r.slots.flatMap((s) => s.buildingIds)).size === r.slots.reduce((n, s) => n + s.buildingIds.length, 0), {
  message: 'a building comes down in one slot only', path: ['slots'],
});

const slotView = z.strictObject({ from: instant, to: instant, buildingIds: z.array(id) });

export const testRoundView = z.strictObject({
  roundId: id,
  communityId: id,
  kind: testKind,
  day: z.iso.date(),
  place: z.string(),
  slots: z.array(slotView),
  createdBy: z.string().max(256),
  createdAt: instant,
  /** Households told their slot (those with a consented number get an SMS; the rest see it on their app and from their grid worker). */
  households: z.int().min(0),
});

export const testRoundParams = z.object({ roundId: id });

/** `GET /v1/test-rounds`: the day's rounds with a building in `gridId`, or in the community of the sampling point `checkpointId`. */
export const testRoundsQuery = z.strictObject({
  day: clientDay,
  gridId: id.optional(),
  checkpointId: id.optional(),
}).refine((q) => (q.gridId === undefined) !== (q.checkpointId === undefined), { message: 'exactly one of gridId or checkpointId', path: ['gridId'] });

const resultCounts = z.strictObject({ negative: z.int().min(0), positive: z.int().min(0), invalid: z.int().min(0), pending: z.int().min(0) });

export const testRoundList = z.strictObject({
  rounds: z.array(z.strictObject({ round: testRoundView, expected: z.int().min(0), tested: z.int().min(0) })),
  /** The community of the grid or sampling point: what a new round here names. */
  communityId: id,
  /** The buildings a new round may take here (the grid's, or the sampling point's community's), in the registry's order. */
  buildings: z.array(z.strictObject({ buildingId: id, name: z.string(), gridId: id })),
});

/** `GET /v1/test-rounds/{roundId}`: the whole round, or the buildings of one grid (`gridId`, a grid worker's part). */
export const testRoundProgressQuery = z.strictObject({ gridId: id.optional() });

/** A building's progress: its slot, who is registered, who was tested, and by name (masked) who has not been. */
export const buildingProgress = z.strictObject({
  buildingId: id,
  name: z.string(),
  gridId: id,
  slot: z.strictObject({ from: instant, to: instant }),
  expected: z.int().min(0),
  tested: z.int().min(0),
  results: resultCounts,
  /** Residents of the building not tested yet, by household; at most `missingShown`, `missingCount` says how many in all. */
  missing: z.array(z.strictObject({ personId, nameMasked: z.string(), householdId: id })),
  missingCount: z.int().min(0),
  /** Tested and waiting for a result (an antigen test read on the spot, entered by hand; a tube the lab has not answered), at most `missingShown`. */
  pending: z.array(z.strictObject({ personId, nameMasked: z.string(), householdId: id, tubeId: id.optional() })),
});

export const testRoundProgress = z.strictObject({
  round: testRoundView,
  buildings: z.array(buildingProgress),
  expected: z.int().min(0),
  tested: z.int().min(0),
  results: resultCounts,
});

/**
 * `POST /v1/test-rounds/{roundId}/samples`: people sampled at the point `checkpointId` (the gate
 * app's scan with "sampling" as its purpose), a batch of up to 100 from a phone that was offline.
 * `tubeId` is the barcode of the swab's tube, what the lab's results name.
 */
const sampleInput = z.strictObject({
  sampleId: id,
  code: z.string().min(16).max(2048).optional(),
  idNumber: idNumber.optional(),
  sampledAt: clientInstant,
  tubeId: id.optional(),
}).refine((s) => (s.code === undefined) !== (s.idNumber === undefined), { message: 'exactly one of code or idNumber is required', path: ['code'] });

export const postSamplesBody = z.strictObject({ checkpointId: id, samples: z.array(sampleInput).min(1).max(100) });

/**
 * Per sample, in order: `sampled` (now), `repeat` (this person was sampled in the round before:
 * nothing new is counted), or why nobody was sampled (`invalid-code`, `unknown-person`,
 * `not-in-round`: the person lives in none of the round's buildings).
 */
export const samplesRecorded = z.strictObject({
  results: z.array(z.strictObject({
    sampleId: id,
    outcome: z.enum(['sampled', 'repeat', 'invalid-code', 'unknown-person', 'not-in-round']),
    person: z.strictObject({ personId, nameMasked: z.string(), buildingId: id }).nullable(),
  })),
});

/**
 * `POST /v1/test-rounds/{roundId}/results`: results per tube (the lab's CSV) or per person (by
 * hand), up to 1,000 at once. A positive opens a suspected case for the person.
 */
export const postResultsBody = z.strictObject({
  results: z.array(z.strictObject({
    tubeId: id.optional(),
    personId: personId.optional(),
    result: testResult,
  }).refine((r) => (r.tubeId === undefined) !== (r.personId === undefined), { message: 'exactly one of tubeId or personId', path: ['tubeId'] })).min(1).max(1000),
});

/**
 * What the results changed: `recorded` new or corrected (an invalid sample re-tested), `unchanged`
 * (sent before), `unknown` (no such tube or person sampled in the round), `conflicts` (a negative
 * cannot become positive here, or back: that is a new round or a case), the cases opened.
 */
export const resultsRecorded = z.strictObject({
  recorded: z.int().min(0),
  unchanged: z.int().min(0),
  unknown: z.array(z.strictObject({ index: z.int().min(0), message: z.string() })),
  conflicts: z.array(z.strictObject({ index: z.int().min(0), message: z.string() })),
  casesOpened: z.array(z.strictObject({ personId, caseId: id })),
});

/**
 * `POST /v1/residents/{personId}/self-tests`: a resident's antigen self-test. It counts in the
 * day's antigen round of their building, if there is one; a positive opens a suspected case.
 */
export const postSelfTestBody = z.strictObject({
  testId: id,
  result: testResult,
  takenAt: clientInstant,
});

export const selfTestRecorded = z.strictObject({
  testId: id,
  personId,
  result: testResult,
  takenAt: instant,
  /** The antigen round it counted in, when the day has one for the building. */
  roundId: id.optional(),
  /** The case a positive opened. */
  caseId: id.optional(),
});
