import type { CaseSpan, ClosingLog, CountedScan, GridDaySnapshot, Policy } from '@firstline/domain';
import { addDays, eachLimited, gridSnapshot, nextStreak, openCasesOn, sameStreak, streakMeasures } from '@firstline/domain';

export interface ClosePorts {
  gridIds(): Promise<readonly string[]>;
  /** The grids' scans of the day, by grid, read together (grids without scans absent). */
  scanRecords(gridIds: readonly string[], day: string): Promise<ReadonlyMap<string, readonly CountedScan[]>>;
  newCases(gridId: string, day: string): Promise<readonly { category: string }[]>;
  /** The grid's cases, released or not, up to today: which are open on a day is read from them. */
  gridCases(gridId: string): Promise<readonly CaseSpan[]>;
  gridLogs(gridId: string, day: string): Promise<readonly ClosingLog[]>;
  deliveryCounts(gridId: string, day: string): Promise<Readonly<Record<string, number>>>;
  saveSnapshot(snapshot: GridDaySnapshot): Promise<void>;
  snapshot(gridId: string, day: string): Promise<GridDaySnapshot | undefined>;
}

export interface CloseSettings {
  readonly policy: Policy;
  /**
   * Carry the grid's later closed days forward up to this day even where they come out unchanged,
   * writing each again: a revision does, so that every day it was asked for is closed afresh.
   */
  readonly rewriteThrough?: string | undefined;
}

/**
 * Closes a day: every grid's figures recounted from the records, so a count that a crashed
 * consumer left short (or a late upload) is exact in the snapshot, with the grid's zero streak
 * continued from the day before. When later days were already closed (a late case revising a past
 * day), their open cases and streaks are carried forward until one comes out unchanged. Running it
 * twice writes the same snapshots: closing is idempotent.
 */
export interface CloseResult {
  readonly grids: number;
  readonly revisedLaterDays: number;
  /** The day's snapshots, one per grid, as written. */
  readonly snapshots: readonly GridDaySnapshot[];
  /** Later closed days whose snapshots this close wrote again (their roll-ups need recomputing too). */
  readonly revisedDays: readonly string[];
}

export async function closeDay(day: string, settings: CloseSettings, ports: ClosePorts, concurrency = 16): Promise<CloseResult> {
  const { policy, rewriteThrough } = settings;
  let revisedLaterDays = 0;
  const snapshots: GridDaySnapshot[] = [];
  const revisedDays = new Set<string>();
  const grids = await ports.gridIds();
  const scans = await ports.scanRecords(grids, day);
  await eachLimited(grids, concurrency, async (gridId) => {
    // One read of the grid's cases serves this day and every later day carried forward.
    const [cases, gridCases, logs, deliveries] = await Promise.all([
      ports.newCases(gridId, day), ports.gridCases(gridId), ports.gridLogs(gridId, day), ports.deliveryCounts(gridId, day),
    ]);
    const records = scans.get(gridId) ?? [];
    const previous = await ports.snapshot(gridId, addDays(day, -1));
    const openCases = openCasesOn(gridCases, day);
    const snapshot = gridSnapshot(gridId, day, { scans: records, cases, openCases, logs, deliveries }, previous, policy);
    let streak = snapshot.streak;
    await ports.saveSnapshot(snapshot);
    snapshots.push(snapshot);
    for (let later = addDays(day, 1); ; later = addDays(later, 1)) {
      const next = await ports.snapshot(gridId, later);
      if (!next) break;
      const open = openCasesOn(gridCases, later);
      const revised = nextStreak(later, streakMeasures({ ...next, openCases: open }), streak, policy);
      const rewrite = rewriteThrough !== undefined && later <= rewriteThrough;
      if (!rewrite && sameStreak(next.streak, revised) && next.openCases === open) break;
      await ports.saveSnapshot({ ...next, openCases: open, streak: revised });
      revisedLaterDays++;
      revisedDays.add(later);
      streak = revised;
    }
  });
  return { grids: grids.length, revisedLaterDays, snapshots, revisedDays: [...revisedDays].sort() };
}
