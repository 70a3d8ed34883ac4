import { openChange } from '../deliveries/delivery-counters.ts';
import { aggregateScanCounts } from '../intake/scan-counts.ts';
import type { CountedScan } from '../intake/live-scans.ts';
import type { Policy } from '../policy.ts';
import type { DayMeasures, Streak } from './streak.ts';
import { nextStreak } from './streak.ts';

/** A grid's exact figures for a closed day, recounted from the records (the source of truth). */
export interface GridDaySnapshot {
  readonly gridId: string;
  readonly day: string;
  /** Flat scan counters (`in`, `denied`, `deny.fever`, `cp.<id>.in`, …), as the live counters. */
  readonly scans: Readonly<Record<string, number>>;
  /** New four-category persons registered that day, by category. */
  readonly cases: Readonly<Record<string, number>>;
  /** The grid's four-category cases still open at the end of the day. */
  readonly openCases: number;
  /** The day's grid logs added up (several a day add up); `logs` is how many there were. */
  readonly work: Readonly<Partial<Record<'flaggedLogs', number>> & Record<LogFigure | 'logs', number>>;
  /** A grid with at least one log that day has reported (completeness: late logs count). */
  readonly reported: boolean;
  /** At least one log arrived by the reporting deadline (the on-time rate). */
  readonly reportedOnTime: boolean;
  /** What certification reads from the logs: only on-time logs and late ones an admin approved. */
  readonly certified: { readonly reported: boolean; readonly disinfectionRounds: number };
  /** Delivery counters of the day (requested, delivered, failed, cancelled, minutes.<m>). */
  readonly deliveries: Readonly<Record<string, number>>;
  /** Deliveries still open at the end of the day: the day before's plus this day's change. */
  readonly openDeliveries: number;
  /** The zero-streak and epidemic-free status on this day (DESIGN.md, Epidemic-free). */
  readonly streak: Streak;
}

export const logFigures = ['householdsVisited', 'residentsScreened', 'disinfectionRounds', 'masksDistributed', 'keyPersonsFound'] as const;
export type LogFigure = (typeof logFigures)[number];

/** A day's log as the close reads it: its figures, and whether it was on time or approved. */
export type ClosingLog = Readonly<Record<LogFigure, number>> & {
  /** Received after the day's reporting deadline. */
  readonly late?: boolean | undefined;
  /** An admin kept the late log for certification. */
  readonly approval?: unknown;
  /** The validation rules it breaks (`log-flags.ts`). */
  readonly flags?: readonly string[] | undefined;
};

/** Whether a log counts for certification: on time, or late with an admin's approval (DESIGN.md). */
export const countsForCertification = (log: Pick<ClosingLog, 'late' | 'approval'>): boolean => log.late !== true || log.approval !== undefined;

/** What the logs of a day add up to, for completeness and for certification. */
export function logMeasures(logs: readonly ClosingLog[]) {
  const work = Object.fromEntries([
    ...logFigures.map((f) => [f, logs.reduce((sum, log) => sum + log[f], 0)] as const),
    ['logs', logs.length] as const,
    ['flaggedLogs', logs.filter((log) => (log.flags ?? []).length > 0).length] as const,
  ]) as Record<LogFigure | 'logs' | 'flaggedLogs', number>;
  const counted = logs.filter(countsForCertification);
  return {
    work,
    reported: logs.length > 0,
    reportedOnTime: logs.some((log) => log.late !== true),
    certified: { reported: counted.length > 0, disinfectionRounds: counted.reduce((sum, log) => sum + log.disinfectionRounds, 0) },
  };
}

/** What a day's streak is decided on. */
export const streakMeasures = (s: Pick<GridDaySnapshot, 'cases' | 'openCases' | 'certified'>): DayMeasures => ({
  newCases: Object.values(s.cases).reduce((a, b) => a + b, 0),
  openCases: s.openCases,
  reported: s.certified.reported,
  disinfectionRounds: s.certified.disinfectionRounds,
});

/**
 * A grid's closed day, recounted from what was recorded that day (the source of truth), with its
 * zero streak continued from the day before. Pure.
 */
export function gridSnapshot(
  gridId: string,
  day: string,
  recorded: {
    readonly scans: readonly CountedScan[];
    readonly cases: readonly { category: string }[];
    readonly openCases: number;
    readonly logs: readonly ClosingLog[];
    readonly deliveries: Readonly<Record<string, number>>;
  },
  previous: GridDaySnapshot | undefined,
  policy: Policy,
): GridDaySnapshot {
  const scans = aggregateScanCounts(recorded.scans)[0]?.counts ?? {};
  const byCategory: Record<string, number> = {};
  for (const c of recorded.cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
  const { work, reported, reportedOnTime, certified } = logMeasures(recorded.logs);
  const { openCases } = recorded;
  const streak = nextStreak(day, streakMeasures({ cases: byCategory, openCases, certified }), previous?.streak, policy);
  const openDeliveries = (previous?.openDeliveries ?? 0) + openChange(recorded.deliveries);
  return {
    gridId, day, scans, cases: byCategory, openCases, work, reported, reportedOnTime, certified,
    deliveries: recorded.deliveries, openDeliveries, streak,
  };
}
