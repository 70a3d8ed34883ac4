import type { ScanRecord } from './scan-types.ts';

/**
 * What the day close and the live view need of a scan: what it is counted as, and where. The
 * aggregator keeps scans in packs of these (one item per batch, day, read group and hour), not one
 * item each.
 */
export type CountedScan = Pick<ScanRecord, 'scanId' | 'gridId' | 'day' | 'checkpointId' | 'direction' | 'verdict' | 'reason' | 'fever' | 'provisional'>;

/** A packed scan and whether it may count in the live view (a repeat the route published again may not). */
export interface PackedScan extends CountedScan {
  readonly live: boolean;
}

/**
 * One aggregator batch as the live fold reads it: its write bucket, the order it was begun in,
 * whether it was counted (its packs all written before its invocation settled) and its scans.
 */
export interface PackedBatch {
  readonly bucket: number;
  /** Orders batches begun in the same bucket: the batch begun first comes first. */
  readonly order: string;
  readonly counted: boolean;
  /** When the batch was begun (epoch ms): a batch still uncounted may yet be, until its invocation timed out. */
  readonly begunAt: number;
  readonly scans: readonly PackedScan[];
}

/** A live bucket's length, and how long after its end it is read (a batch begun at its end has recorded that it began). */
export interface BucketTimes {
  readonly bucketSeconds: number;
  readonly settleSeconds: number;
}

/** How the live view is folded: in the cloud one-minute buckets, locally a fraction of a second. */
export interface LiveFoldTimes extends BucketTimes {
  /** An uncounted batch holds its bucket back this long at most (the aggregator's timeout). */
  readonly graceSeconds: number;
  /** How far back a scan seen before keeps it from counting live again. */
  readonly windowSeconds: number;
}

/**
 * Live buckets are numbered from the epoch, each ending a second more than its settling time
 * before a multiple of its length: in the cloud a bucket has settled a second before the minute
 * the fold is scheduled at, so a scan waits for the fold a minute and a few seconds at most.
 */
const leadMs = (t: BucketTimes) => (t.settleSeconds + 1) * 1_000;
export const liveBucketOf = (at: Date, t: BucketTimes): number => Math.floor((at.getTime() + leadMs(t)) / (t.bucketSeconds * 1_000));
export const liveBucketEnd = (bucket: number, t: BucketTimes): Date => new Date((bucket + 1) * t.bucketSeconds * 1_000 - leadMs(t));
/** When a bucket is read by the fold: a batch of it must have recorded that it began by then. */
export const liveBucketSettles = (bucket: number, t: BucketTimes): Date => new Date(liveBucketEnd(bucket, t).getTime() + t.settleSeconds * 1_000);

/**
 * Grids are read in this many groups: a day's packed scans of a group are one partition, which a
 * close reads whole. Four keep a partition's writes at the 6,000 scans/s spike (~1,500 scans/s in
 * ~60 packs a second) well under DynamoDB's 1,000 writes a second, and a batch's writes few.
 */
export const scanReadGroups = 4;

/**
 * The read group of a grid's scans (FNV-1a of its id), the same always: a close that keeps a
 * group's grids together reads each partition once.
 */
export function scanReadGroupOf(gridId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < gridId.length; i++) hash = Math.imul(hash ^ gridId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % scanReadGroups;
}

const byBeginning = (a: PackedBatch, b: PackedBatch) => a.bucket - b.bucket || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);

/**
 * The scans a bucket adds to the live view: a scan that may count live counts where it first
 * appears among the batches begun in the window before (a redelivered message, a gate's retry of a
 * scan nobody claimed, SQS delivering a message twice), and only if that first batch was counted.
 * So a crash between packing and counting leaves the live view short, never double; the close,
 * which counts distinct scans of every pack, is exact either way.
 */
export function liveScansOf(batches: readonly PackedBatch[], bucket: number, windowBuckets: number): CountedScan[] {
  const seen = new Set<string>();
  const live: CountedScan[] = [];
  for (const batch of [...batches].sort(byBeginning)) {
    if (batch.bucket < bucket - windowBuckets || batch.bucket > bucket) continue;
    for (const scan of batch.scans) {
      // A scan is its id in its grid and day, as the close counts it (gates choose scan ids).
      const key = `${scan.gridId}|${scan.day}|${scan.scanId}`;
      // A repeat is never counted live, and may be packed before the upload it repeats (sent at once).
      if (!scan.live || seen.has(key)) continue;
      seen.add(key);
      if (batch.bucket === bucket && batch.counted) {
        const { live: _live, ...counted } = scan;
        live.push(counted);
      }
    }
  }
  return live;
}

/**
 * Whether a bucket can be folded at `now`: it has settled, and no batch of it is still uncounted
 * that may yet be (begun less than `graceSeconds` ago: its invocation has not timed out).
 */
export function bucketSettled(batches: readonly PackedBatch[], bucket: number, now: Date, times: BucketTimes & { graceSeconds: number }): boolean {
  if (now < liveBucketSettles(bucket, times)) return false;
  return !batches.some((b) => b.bucket === bucket && !b.counted && now.getTime() - b.begunAt < times.graceSeconds * 1_000);
}

/** A grid-day's scans as the close counts them: each scan id once, however often it was packed. */
export function distinctScans<T extends { readonly scanId: string }>(scans: Iterable<T>): T[] {
  const byId = new Map<string, T>();
  for (const scan of scans) if (!byId.has(scan.scanId)) byId.set(scan.scanId, scan);
  return [...byId.values()];
}
