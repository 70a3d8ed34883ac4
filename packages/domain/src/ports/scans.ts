import type { CountedScan, PackedBatch, PackedScan } from '../intake/live-scans.ts';
import type { ScanCountDelta } from '../intake/scan-counts.ts';
import type { PersonScan, ScanRecord } from '../intake/scan-types.ts';

/** A grid-day's live counters and when they last moved. */
export interface LiveCounts {
  readonly counts: Readonly<Record<string, number>>;
  readonly updatedAt: string;
}

/** A batch the aggregator began packing: what `markCounted` needs to find it again. */
export interface BatchHandle {
  readonly bucket: number;
  readonly id: string;
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
}

/**
 * The scans as the day close and the live view count them: packed a batch at a time, folded into
 * live counters a bucket at a time.
 */
export interface ScanCountPort {
  /**
   * Begins a batch in a live bucket: records that it began (so the live fold knows of it even if
   * it never finishes), then writes its scans in packs. Returns the batch, to be counted once the
   * invocation has done everything else that could fail; or `late` when it could not record that
   * it began by `beganBy` (the fold may have read the bucket already): nothing is left of it then.
   */
  pack(bucket: number, scans: readonly (PackedScan & Pick<ScanRecord, 'at' | 'expiresAt'>)[], beganBy: Date): Promise<BatchHandle | 'late'>;
  /** Marks a begun batch counted: its live scans may now be folded into the live counters. */
  markCounted(batch: BatchHandle): Promise<void>;
  /** These grids' packed scans of a day, each scan once, by grid (grids with none are absent): what the close counts. */
  recordsOf(gridIds: readonly string[], day: string): Promise<Map<string, CountedScan[]>>;
  /** The batches begun in these buckets, with their scans, in the order they were begun. */
  batchesIn(fromBucket: number, toBucket: number): Promise<PackedBatch[]>;
  /**
   * Adds one bucket's live scans of a grid-day to its counters, unless that bucket was folded
   * into them already (a fold run again adds nothing twice); `asOf` is when the bucket ended.
   */
  foldCounts(delta: ScanCountDelta, bucket: number, asOf: Date): Promise<void>;
  /** The newest bucket up to `bucket` a batch was begun in (looking a marker group back), if any: what a fold has yet to reach. */
  newestBatchBucket(bucket: number): Promise<number | undefined>;
  /** The last bucket folded into the live counters, if any. */
  foldedThrough(): Promise<number | undefined>;
  setFoldedThrough(bucket: number): Promise<void>;
  /** Live counters of these grids on a day, by grid id (grids with none are absent). */
  liveCounts(gridIds: readonly string[], day: string): Promise<Map<string, LiveCounts>>;
}
