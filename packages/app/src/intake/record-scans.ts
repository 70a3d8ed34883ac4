import type { BatchHandle, ScanRecord } from '@firstline/domain';
import { aggregateScanCounts, bucketSettled, dayOf, liveBucketEnd, liveBucketOf, liveScansOf } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** How the live view is folded: in the cloud one-minute buckets, locally a fraction of a second. */
export interface LiveFoldTimes {
  readonly bucketSeconds: number;
  /** A bucket is folded this long after it ended: a batch begun at its very end has recorded that it began. */
  readonly settleSeconds: number;
  /** An uncounted batch holds its bucket back this long at most (the aggregator's timeout). */
  readonly graceSeconds: number;
  /** How far back a scan seen before keeps it from counting live again. */
  readonly windowSeconds: number;
}

/**
 * Records a batch's scans for the close, in packs (a few items per batch, not one per scan), after
 * recording, in time for the fold, that the batch began. A scan the route answered from its claim
 * is packed but never counted live; a backlog landing on a closed day makes its report not final.
 */
export async function packScans(ports: Pick<DistrictPorts, 'scans' | 'snapshots' | 'defaultTimeZone'>, scans: readonly ScanRecord[], times: LiveFoldTimes, clock = () => new Date()): Promise<BatchHandle> {
  const packed = scans.map((s) => ({
    scanId: s.scanId, gridId: s.gridId, day: s.day, checkpointId: s.checkpointId, direction: s.direction, verdict: s.verdict, reason: s.reason,
    fever: s.fever, ...(s.provisional ? { provisional: true as const } : {}), live: !s.repeat, at: s.at, expiresAt: s.expiresAt,
  }));
  let batch: BatchHandle | 'late';
  do {
    // The fold reads a bucket once it has settled: a batch must have recorded that it began by then.
    const bucket = liveBucketOf(clock(), times.bucketSeconds);
    batch = await ports.scans.pack(bucket, packed, new Date(liveBucketEnd(bucket, times.bucketSeconds).getTime() + times.settleSeconds * 1_000));
  } while (batch === 'late');
  await ports.snapshots.markLate(scans.map((s) => s.day), dayOf(clock(), ports.defaultTimeZone));
  return batch;
}

/**
 * Folds every settled bucket since the last fold into the live counters, in order, each grid-day's
 * counters once per bucket: a fold that crashed and runs again adds nothing twice. The fold looks
 * back one window at most (after a stop longer than that, older scans wait for the close). Returns
 * the last bucket folded.
 */
export async function foldLiveScans(ports: Pick<DistrictPorts, 'scans'>, times: LiveFoldTimes, now = new Date()): Promise<number | undefined> {
  const window = Math.ceil(times.windowSeconds / times.bucketSeconds);
  const newest = liveBucketOf(now, times.bucketSeconds) - 1;
  const through = await ports.scans.foldedThrough();
  const first = Math.max((through ?? -Infinity) + 1, newest - window + 1);
  if (first > newest) return through;
  const batches = await ports.scans.batchesIn(first - window, newest);
  const buckets = new Set(batches.map((b) => b.bucket));
  let folded = through;
  let saved = through;
  for (let bucket = first; bucket <= newest && bucketSettled(batches, bucket, now, times); bucket++) {
    folded = bucket;
    if (!buckets.has(bucket)) continue;
    const asOf = liveBucketEnd(bucket, times.bucketSeconds);
    await Promise.all(aggregateScanCounts(liveScansOf(batches, bucket, window)).map((delta) => ports.scans.foldCounts(delta, bucket, asOf)));
    await ports.scans.setFoldedThrough((saved = bucket));
  }
  if (folded !== saved) await ports.scans.setFoldedThrough(folded!);
  return folded;
}
