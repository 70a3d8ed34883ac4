import type { GridDaySnapshot } from '../closing/grid-snapshot.ts';
import type { Level } from '../hierarchy.ts';
import type { ReportRow } from '../reporting/daily-report.ts';

export interface StoredRollup {
  readonly row: ReportRow;
  readonly closedAt: string;
}

/**
 * A snapshot as written by a close; `revisionAskedAt` when a change to the grid's past asked for it
 * to be closed again after `closedAt` (until then its report is not final).
 */
export type ClosedSnapshot = GridDaySnapshot & { readonly closedAt: string; readonly revisionAskedAt?: string | undefined };

/** A grid's closed day that changed after its close (a late case, a release, an approved late log). */
export interface DayRevision {
  readonly gridId: string;
  readonly day: string;
}

/**
 * Asks for closed days to be closed again soon (within a minute, not at the next nightly close):
 * the grid's day is recounted and every later streak of the grid carried forward.
 */
export interface DayRevisionQueue {
  request(revisions: readonly DayRevision[]): Promise<void>;
}

/** Closed-day snapshots and roll-ups: what reports of past days read. */
export interface SnapshotPort {
  ofDay(gridIds: readonly string[], day: string): Promise<Map<string, ClosedSnapshot>>;
  saveRollups(day: string, rows: readonly ReportRow[]): Promise<void>;
  rollups(units: readonly { level: Level; id: string }[], day: string): Promise<Map<string, StoredRollup>>;
  /** Notes that an event landed on a past day that may be closed: its report is not final until closed again. */
  markLate(days: Iterable<string>, today: string): Promise<void>;
  lateAt(day: string): Promise<string | undefined>;
  /** Notes on each of these grids' closed days that it waits to be closed again (a day not closed is left alone). */
  markRevising(grids: readonly { gridId: string; days: readonly string[] }[]): Promise<void>;
  save(snapshot: GridDaySnapshot): Promise<void>;
  get(gridId: string, day: string): Promise<GridDaySnapshot | undefined>;
}
