import { addDays } from '../calendar.ts';
import { eachLimited } from '../concurrency.ts';
import { openChange } from '../deliveries/delivery-counters.ts';
import { aggregateScanCounts } from '../intake/scan-counts.ts';
import type { ScanRecord } from '../intake/scan-types.ts';
import type { Policy } from '../policy.ts';
import type { Streak } from './streak.ts';
import { nextStreak, sameStreak } from './streak.ts';

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

export interface ClosePorts {
  gridIds(): Promise<readonly string[]>;
  scanRecords(gridId: string, day: string): Promise<readonly ScanRecord[]>;
  newCases(gridId: string, day: string): Promise<readonly { category: string }[]>;
  gridLogs(gridId: string, day: string): Promise<readonly Readonly<Record<LogFigure, number>>[]>;
  deliveryCounts(gridId: string, day: string): Promise<Readonly<Record<string, number>>>;
  saveSnapshot(snapshot: GridDaySnapshot): Promise<void>;
  snapshot(gridId: string, day: string): Promise<GridDaySnapshot | undefined>;
}

const measures = (s: Pick<GridDaySnapshot, 'cases' | 'reported' | 'work'>) => ({
  newCases: Object.values(s.cases).reduce((a, b) => a + b, 0),
  reported: s.reported,
  disinfectionRounds: s.work.disinfectionRounds,
});

/**
 * Closes a day: every grid's figures recounted from the records, so a count that a crashed
 * consumer left short (or a late upload) is exact in the snapshot, with the grid's zero streak
 * continued from the day before. When later days were already closed (a late case revising a past
 * day), their streaks are carried forward until one comes out unchanged. Running it twice writes
 * the same snapshots: closing is idempotent.
 */
export interface CloseResult {
  readonly grids: number;
  readonly revisedLaterDays: number;
  /** The day's snapshots, one per grid, as written. */
  readonly snapshots: readonly GridDaySnapshot[];
  /** Later closed days whose streaks this close changed (their roll-ups need recomputing too). */
  readonly revisedDays: readonly string[];
}

export async function closeDay(day: string, policy: Policy, ports: ClosePorts, concurrency = 16): Promise<CloseResult> {
  let revisedLaterDays = 0;
  const snapshots: GridDaySnapshot[] = [];
  const revisedDays = new Set<string>();
  const grids = await ports.gridIds();
  await eachLimited(grids, concurrency, async (gridId) => {
    const [records, cases, logs, deliveries] = await Promise.all([
      ports.scanRecords(gridId, day), ports.newCases(gridId, day), ports.gridLogs(gridId, day), ports.deliveryCounts(gridId, day),
    ]);
    const scans = aggregateScanCounts(records)[0]?.counts ?? {};
    const byCategory: Record<string, number> = {};
    for (const c of cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    const work = Object.fromEntries([
      ...logFigures.map((f) => [f, logs.reduce((sum, log) => sum + log[f], 0)] as const),
      ['logs', logs.length] as const,
    ]) as Record<LogFigure | 'logs', number>;
    const reported = logs.length > 0;
    const previous = await ports.snapshot(gridId, addDays(day, -1));
    let streak = nextStreak(day, measures({ cases: byCategory, reported, work }), previous?.streak, policy);
    const openDeliveries = (previous?.openDeliveries ?? 0) + openChange(deliveries);
    const snapshot: GridDaySnapshot = { gridId, day, scans, cases: byCategory, work, reported, deliveries, openDeliveries, streak };
    await ports.saveSnapshot(snapshot);
    snapshots.push(snapshot);
    for (let later = addDays(day, 1); ; later = addDays(later, 1)) {
      const next = await ports.snapshot(gridId, later);
      if (!next) break;
      const revised = nextStreak(later, measures(next), streak, policy);
      if (sameStreak(next.streak, revised)) break;
      await ports.saveSnapshot({ ...next, streak: revised });
      revisedLaterDays++;
      revisedDays.add(later);
      streak = revised;
    }
  });
  return { grids: grids.length, revisedLaterDays, snapshots, revisedDays: [...revisedDays].sort() };
}
