import type { GridDaySnapshot, LogFigure, Policy, ScanRecord } from '@firstline/domain';
import { addDays, eachLimited, gridSnapshot, nextStreak, sameStreak, streakMeasures } from '@firstline/domain';

export interface ClosePorts {
  gridIds(): Promise<readonly string[]>;
  scanRecords(gridId: string, day: string): Promise<readonly ScanRecord[]>;
  newCases(gridId: string, day: string): Promise<readonly { category: string }[]>;
  gridLogs(gridId: string, day: string): Promise<readonly Readonly<Record<LogFigure, number>>[]>;
  deliveryCounts(gridId: string, day: string): Promise<Readonly<Record<string, number>>>;
  saveSnapshot(snapshot: GridDaySnapshot): Promise<void>;
  snapshot(gridId: string, day: string): Promise<GridDaySnapshot | undefined>;
}

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
    const previous = await ports.snapshot(gridId, addDays(day, -1));
    const snapshot = gridSnapshot(gridId, day, { scans: records, cases, logs, deliveries }, previous, policy);
    let streak = snapshot.streak;
    await ports.saveSnapshot(snapshot);
    snapshots.push(snapshot);
    for (let later = addDays(day, 1); ; later = addDays(later, 1)) {
      const next = await ports.snapshot(gridId, later);
      if (!next) break;
      const revised = nextStreak(later, streakMeasures(next), streak, policy);
      if (sameStreak(next.streak, revised)) break;
      await ports.saveSnapshot({ ...next, streak: revised });
      revisedLaterDays++;
      revisedDays.add(later);
      streak = revised;
    }
  });
  return { grids: grids.length, revisedLaterDays, snapshots, revisedDays: [...revisedDays].sort() };
}
