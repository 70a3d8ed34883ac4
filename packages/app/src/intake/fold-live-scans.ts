import type { LiveFoldTimes } from '@firstline/domain';
import { aggregateScanCounts, bucketSettled, liveBucketEnd, liveBucketOf, liveScansOf } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

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
