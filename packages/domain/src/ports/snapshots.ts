import type { GridDaySnapshot } from '../closing/grid-snapshot.ts';
import type { Level } from '../hierarchy.ts';
import type { ReportRow } from '../reporting/daily-report.ts';

export interface StoredRollup {
  readonly row: ReportRow;
  readonly closedAt: string;
}

export type ClosedSnapshot = GridDaySnapshot & { readonly closedAt: string };

/** Closed-day snapshots and roll-ups: what reports of past days read. */
export interface SnapshotPort {
  ofDay(gridIds: readonly string[], day: string): Promise<Map<string, ClosedSnapshot>>;
  saveRollups(day: string, rows: readonly ReportRow[]): Promise<void>;
  rollups(units: readonly { level: Level; id: string }[], day: string): Promise<Map<string, StoredRollup>>;
  /** Notes that an event landed on a past day that may be closed: its report is not final until closed again. */
  markLate(days: Iterable<string>, today: string): Promise<void>;
  lateAt(day: string): Promise<string | undefined>;
  save(snapshot: GridDaySnapshot): Promise<void>;
  get(gridId: string, day: string): Promise<GridDaySnapshot | undefined>;
}
