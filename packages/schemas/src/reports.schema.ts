import * as z from 'zod';
import { day, dayRange, id } from './common.ts';

const count = z.int().min(0);
/** A count of persons: exact, or "<k" for a reader outside the district when it is 1 … k − 1 (small cells). */
const personCount = z.union([count, z.string().regex(/^<\d{1,2}$/)]);
/** Counts keyed by a short name (a deny reason, a minutes bucket): never free text, never an id of a person. */
export const countsBy = (key: RegExp) => z.record(z.string().regex(key), count);

export const reportLevel = z.enum(['grid', 'community', 'street', 'district']);

export const unitReportQuery = z.strictObject({ level: reportLevel, id, date: day });
export const unitSeriesQuery = dayRange(z.strictObject({ level: reportLevel, id, from: day, to: day }));
export const epidemicFreeQuery = z.strictObject({ level: reportLevel.exclude(['district']), date: day });
export const closeDayBody = z.strictObject({ date: day });

/** The figures of a daily report (API.md, Reports), at any level, with counts of persons shown as `person` is. */
const figures = <P extends typeof count | typeof personCount>(person: P) => z.strictObject({
  /** `provisional`: verdicts the gates gave by their fallback while the province could not answer, counted apart. */
  scans: z.strictObject({ in: count, out: count, denied: count, denyReasons: countsBy(/^[a-z][a-z-]{0,31}$/), fever: person, provisional: count }),
  cases: z.strictObject({ confirmed: person, suspected: person, feverUnexcluded: person, closeContact: person }),
  screening: z.strictObject({ householdsVisited: count, residentsScreened: count, keyPersonsFound: count }),
  hygiene: z.strictObject({ disinfectionRounds: count, masksDistributed: count }),
  deliveries: z.strictObject({ requested: count, delivered: count, failed: count, open: count, medianMinutesToDeliver: z.number().min(0).nullable() }),
  reporting: z.strictObject({ grids: count, reported: count, onTime: count, flaggedLogs: count }),
  epidemicFree: z.strictObject({ grids: count, free: count, percent: z.number().min(0).max(100) }),
});

/** The figures as a report answers them: small counts of persons may read "<k" to a reader outside the district. */
export const reportFigures = figures(personCount);
/**
 * The figures exactly, as a district sends its day to its city (which hides small cells when it
 * answers). `onTime`, `flaggedLogs` and `scans.provisional` may be missing from a district not yet
 * updated: the city reads them as `reported`, 0 and 0.
 */
const exactBase = figures(count);
export const exactFigures = exactBase.extend({
  scans: exactBase.shape.scans.extend({ provisional: count.optional() }),
  reporting: z.strictObject({ grids: count, reported: count, onTime: count.optional(), flaggedLogs: count.optional() }),
});

/** One unit's figures of a day. */
export const unitReportRow = reportFigures.extend({
  level: reportLevel,
  id,
  name: z.string(),
  date: day,
  /** The day is closed and nothing has landed on it since. */
  final: z.boolean(),
  /** On a grid's row only: days in a row without a new case. */
  zeroStreakDays: count.optional(),
  /**
   * A day not final: how old its live scan counts are, as the end of the last minute folded into
   * them (they lag the gates by about a minute at most; the close makes them exact).
   */
  scansAsOf: z.iso.datetime().optional(),
});
export type UnitReportRow = z.infer<typeof unitReportRow>;

/** `GET /v1/reports/daily` (JSON): the unit's day and one row per child unit (none for a grid). */
/**
 * A grid's own day, for readers in its district: whether its logs are still taken (locked past the
 * backlog window) and the latest reopening by an admin, with who, when, why and until when.
 */
const logDay = z.strictObject({
  locked: z.boolean(),
  reopening: z.strictObject({ by: z.string().max(256), at: z.iso.datetime(), reason: z.string(), until: z.iso.datetime() }).optional(),
});

const completeness = z.number().min(0).max(100);

/**
 * The day's testing rounds under the unit: each round's tested against the residents its buildings
 * had when it was opened, and per building where the unit is a community or a grid. Counted as each
 * sample and result landed (a crash between a sample and its count leaves it one short, never double).
 */
export const testingSummary = z.strictObject({
  expected: count,
  tested: count,
  positive: count,
  completeness,
  rounds: z.array(z.strictObject({
    roundId: id,
    communityId: id,
    kind: z.enum(['pcr', 'antigen']),
    expected: count,
    tested: count,
    positive: count,
    completeness,
    buildings: z.array(z.strictObject({ buildingId: id, name: z.string(), expected: count, tested: count, completeness })).optional(),
  })),
});

export const unitReport = unitReportRow.extend({ children: z.array(unitReportRow), logDay: logDay.optional(), testing: testingSummary.optional() });
export type UnitReport = z.infer<typeof unitReport>;

/** `GET /v1/reports/series`: the unit's row of each day, oldest first, without children. */
export const unitReportSeries = z.strictObject({ days: z.array(unitReportRow) });
export type UnitReportSeries = z.infer<typeof unitReportSeries>;

/** `GET /v1/reports/epidemic-free`: every unit of the level; a community or street is free when all its grids are. */
export const epidemicFreeReport = z.strictObject({
  total: count,
  free: count,
  percent: z.number().min(0).max(100),
  items: z.array(z.strictObject({
    id,
    name: z.string(),
    free: z.boolean(),
    /** The grid's zero streak; for a community or street, the shortest of its grids'. */
    streakDays: count,
    /** When free: the first day of the streak (the latest of its grids'). */
    since: day.optional(),
  })),
});
export type EpidemicFreeReport = z.infer<typeof epidemicFreeReport>;

/**
 * A close as it goes: `POST /v1/admin/close-day` answers it at once (202), `GET /v1/admin/closes/{closeId}`
 * until `done`. Its shards (the district's grids in groups) close in parallel; the day's roll-ups,
 * and those of later closed days whose streaks changed (`revisedDays`), are written when all are done.
 */
export const closeRunView = z.strictObject({
  closeId: z.string(),
  days: z.array(day),
  shards: count,
  shardsDone: count,
  revisedDays: z.array(day),
  /** Days a second close takes on once this one is done (the nightly close's week before). */
  then: z.array(day),
  done: z.boolean(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().optional(),
});
export type CloseRunView = z.infer<typeof closeRunView>;

export const closeRunParams = z.strictObject({ closeId: z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/) });

/** The `close-shards` queue message: some grids of a close and the days to close for them, in order. */
export const closeShardMessage = z.strictObject({
  v: z.literal(1),
  closeId: z.string().min(1),
  shard: z.number().int().nonnegative(),
  days: z.array(day).min(1),
  gridIds: z.array(z.string().min(1)),
});
