import { openChange } from '../deliveries/delivery-counters.ts';
import { aggregateScanCounts } from '../intake/scan-counts.ts';
import type { ScanRecord } from '../intake/scan-types.ts';
import type { Policy } from '../policy.ts';
import type { Streak } from './streak.ts';
import { nextStreak } from './streak.ts';

/** A grid's exact figures for a closed day, recounted from the records (the source of truth). */
export interface GridDaySnapshot {
  readonly gridId: string;
  readonly day: string;
  /** Flat scan counters (`in`, `denied`, `deny.fever`, `cp.<id>.in`, …), as the live counters. */
  readonly scans: Readonly<Record<string, number>>;
  /** New four-category persons registered that day, by category. */
  readonly cases: Readonly<Record<string, number>>;
  /** The day's grid logs added up (several a day add up); `logs` is how many there were. */
  readonly work: Readonly<Record<LogFigure | 'logs', number>>;
  /** A grid with at least one log that day has reported. */
  readonly reported: boolean;
  /** Delivery counters of the day (requested, delivered, failed, cancelled, minutes.<m>). */
  readonly deliveries: Readonly<Record<string, number>>;
  /** Deliveries still open at the end of the day: the day before's plus this day's change. */
  readonly openDeliveries: number;
  /** The zero-streak and epidemic-free status on this day (DESIGN.md, Epidemic-free). */
  readonly streak: Streak;
}

export const logFigures = ['householdsVisited', 'residentsScreened', 'disinfectionRounds', 'masksDistributed', 'keyPersonsFound'] as const;
export type LogFigure = (typeof logFigures)[number];

/** What a day's streak is decided on. */
export const streakMeasures = (s: Pick<GridDaySnapshot, 'cases' | 'reported' | 'work'>) => ({
  newCases: Object.values(s.cases).reduce((a, b) => a + b, 0),
  reported: s.reported,
  disinfectionRounds: s.work.disinfectionRounds,
});

/**
 * A grid's closed day, recounted from what was recorded that day (the source of truth), with its
 * zero streak continued from the day before. Pure.
 */
export function gridSnapshot(
  gridId: string,
  day: string,
  recorded: {
    readonly scans: readonly ScanRecord[];
    readonly cases: readonly { category: string }[];
    readonly logs: readonly Readonly<Record<LogFigure, number>>[];
    readonly deliveries: Readonly<Record<string, number>>;
  },
  previous: GridDaySnapshot | undefined,
  policy: Policy,
): GridDaySnapshot {
  const scans = aggregateScanCounts(recorded.scans)[0]?.counts ?? {};
  const byCategory: Record<string, number> = {};
  for (const c of recorded.cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
  const work = Object.fromEntries([
    ...logFigures.map((f) => [f, recorded.logs.reduce((sum, log) => sum + log[f], 0)] as const),
    ['logs', recorded.logs.length] as const,
  ]) as Record<LogFigure | 'logs', number>;
  const reported = recorded.logs.length > 0;
  const streak = nextStreak(day, streakMeasures({ cases: byCategory, reported, work }), previous?.streak, policy);
  const openDeliveries = (previous?.openDeliveries ?? 0) + openChange(recorded.deliveries);
  return { gridId, day, scans, cases: byCategory, work, reported, deliveries: recorded.deliveries, openDeliveries, streak };
}
