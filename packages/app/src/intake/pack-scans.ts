import type { BatchHandle, LiveFoldTimes, ScanRecord } from '@firstline/domain';
import { dayOf, liveBucketOf, liveBucketSettles } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

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
