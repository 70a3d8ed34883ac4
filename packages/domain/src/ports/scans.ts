import type { ScanCountDelta } from '../intake/scan-counts.ts';
import type { PersonScan, ScanRecord } from '../intake/scan-types.ts';

/** A grid-day's live counters and when they last moved. */
export interface LiveCounts {
  readonly counts: Readonly<Record<string, number>>;
  readonly updatedAt: string;
}

export interface ScanPort {
  /** The person-history items at these slots, if any (one batch read for a whole upload). */
  personScans(slots: readonly { personId: string; slot: string }[]): Promise<PersonScan[]>;
  /** Claims a slot; false when taken (a repeat of this scan, or the code was already used). */
  claimPersonScan(scan: PersonScan): Promise<boolean>;
  /**
   * A person's scans at or after `since`, newest first, at most `limit` (the store's own cap when
   * not given); what one call reads is capped, so a person made to hold thousands of scans cannot
   * make the read expensive.
   */
  history(personId: string, since: string, limit?: number): Promise<PersonScan[]>;
  /** Records a scan once: true if this call recorded it. */
  record(scan: ScanRecord): Promise<boolean>;
  recordsOf(gridId: string, day: string): Promise<ScanRecord[]>;
  addCounts(delta: ScanCountDelta): Promise<void>;
  /** Live counters of these grids on a day, by grid id (grids with none are absent). */
  liveCounts(gridIds: readonly string[], day: string): Promise<Map<string, LiveCounts>>;
}
