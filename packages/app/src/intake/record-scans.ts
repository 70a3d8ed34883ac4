import type { BatchHandle, BucketTimes, ScanRecord } from '@firstline/domain';
import { aggregateScanCounts, bucketSettled, dayOf, liveBucketEnd, liveBucketOf, liveBucketSettles, liveScansOf } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** How the live view is folded: in the cloud one-minute buckets, locally a fraction of a second. */
export interface LiveFoldTimes extends BucketTimes {
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
export async function packScans(ports: Pick<DistrictPorts, 'scanCounts' | 'snapshots' | 'defaultTimeZone'>, scans: readonly ScanRecord[], times: LiveFoldTimes, clock = () => new Date()): Promise<BatchHandle> {
  const packed = scans.map((s) => ({
    scanId: s.scanId, gridId: s.gridId, day: s.day, checkpointId: s.checkpointId, direction: s.direction, verdict: s.verdict, reason: s.reason,
    fever: s.fever, ...(s.provisional ? { provisional: true as const } : {}), live: !s.repeat, at: s.at, expiresAt: s.expiresAt,
  }));
  let batch: BatchHandle | 'late';
  do {
    // The fold reads a bucket once it has settled: a batch must have recorded that it began by then.
    const bucket = liveBucketOf(clock(), times);
    batch = await ports.scanCounts.pack(bucket, packed, liveBucketSettles(bucket, times));
  } while (batch === 'late');
  await ports.snapshots.markLate(scans.map((s) => s.day), dayOf(clock(), ports.defaultTimeZone));
  return batch;
}

/**
 * Folds every settled bucket since the last fold into the live counters, in order, each grid-day's
 * counters once per bucket: a fold that crashed and runs again adds nothing twice. The fold looks
 * back one window at most (after a stop longer than that, older scans wait for the close). Says
 * the last bucket with scans folded, and how old the live view is (0 when no batch waits).
 */
export async function foldLiveScans(ports: Pick<DistrictPorts, 'scanCounts'>, times: LiveFoldTimes, now = new Date()): Promise<{ foldedThrough: number | undefined; ageSeconds: number }> {
  const window = Math.ceil(times.windowSeconds / times.bucketSeconds);
  const newest = liveBucketOf(now, times) - 1;
  let folded = await ports.scanCounts.foldedThrough();
  const first = Math.max((folded ?? -Infinity) + 1, newest - window + 1);
  const batches = first > newest ? [] : await ports.scanCounts.batchesIn(first - window, newest);
  const buckets = new Set(batches.map((b) => b.bucket));
  // Only a bucket with scans moves the stored cursor: an idle district writes nothing.
  for (let bucket = first; bucket <= newest && bucketSettled(batches, bucket, now, times); bucket++) {
    if (!buckets.has(bucket)) continue;
    const asOf = liveBucketEnd(bucket, times);
    await Promise.all(aggregateScanCounts(liveScansOf(batches, bucket, window)).map((delta) => ports.scanCounts.foldCounts(delta, bucket, asOf)));
    await ports.scanCounts.setFoldedThrough((folded = bucket));
  }
  const waiting = await ports.scanCounts.newestBatchBucket(liveBucketOf(now, times));
  const behind = waiting !== undefined && (folded === undefined || waiting > folded);
  const ageSeconds = behind ? (now.getTime() - liveBucketEnd(folded ?? waiting - 1, times).getTime()) / 1000 : 0;
  return { foldedThrough: folded, ageSeconds };
}
