import { describe, expect, it } from 'vitest';
import type { BatchHandle, PackedBatch, ScanCountDelta, ScanCountPort, ScanRecord } from '@firstline/domain';
import { liveBucketSettles } from '@firstline/domain';
import type { DistrictPorts } from '../../src/district.ts';
import { foldLiveScans } from '../../src/intake/fold-live-scans.ts';
import { packScans } from '../../src/intake/pack-scans.ts';

const times = { bucketSeconds: 60, settleSeconds: 3, graceSeconds: 30, windowSeconds: 300 };
const record = (scanId: string, over: Partial<ScanRecord> = {}): ScanRecord => ({
  scanId, checkpointId: 'cp1', gridId: 'g1', day: '2026-12-07', at: '2026-12-07T02:00:00.000Z', direction: 'in', temperatureC: 36.5,
  verdict: 'allow', reason: 'ok', fever: false, personId: 'p1', expiresAt: 1_800_000_000, ...over,
});

/** Scan counts in memory: batches as packed, counters with the bucket each last folded, the fold's cursor. */
function memoryCounts(late = 0) {
  const batches: PackedBatch[] = [];
  const counters = new Map<string, { counts: Record<string, number>; step: number }>();
  const begun: { bucket: number; beganBy: Date }[] = [];
  let through: number | undefined;
  let lateLeft = late;
  const port: Pick<ScanCountPort, 'pack' | 'markCounted' | 'batchesIn' | 'foldCounts' | 'foldedThrough' | 'setFoldedThrough' | 'newestBatchBucket'> = {
    pack: async (bucket, scans, beganBy) => {
      begun.push({ bucket, beganBy });
      if (lateLeft-- > 0) return 'late';
      // Begun as late as it could be: at the end of its bucket.
      batches.push({ bucket, order: String(batches.length).padStart(4, '0'), counted: false, begunAt: beganBy.getTime() - times.settleSeconds * 1_000, scans });
      return { bucket, id: String(batches.length - 1).padStart(4, '0') };
    },
    markCounted: async (batch: BatchHandle) => {
      const i = batches.findIndex((b) => b.order === batch.id);
      batches[i] = { ...batches[i]!, counted: true };
    },
    batchesIn: async (from, to) => batches.filter((b) => b.bucket >= from && b.bucket <= to),
    foldCounts: async (delta: ScanCountDelta, bucket: number) => {
      const key = `${delta.gridId}|${delta.day}`;
      const counter = counters.get(key) ?? { counts: {}, step: -1 };
      if (counter.step >= bucket) return;
      for (const [name, n] of Object.entries(delta.counts)) counter.counts[name] = (counter.counts[name] ?? 0) + n;
      counters.set(key, { ...counter, step: bucket });
    },
    foldedThrough: async () => through,
    setFoldedThrough: async (bucket) => void (through = bucket),
    newestBatchBucket: async () => batches.at(-1)?.bucket,
  };
  const ports = { scanCounts: port, snapshots: { markLate: async () => {} }, defaultTimeZone: 'Asia/Shanghai' } as unknown as DistrictPorts;
  return { ports, batches, counters, begun };
}

describe('packing a batch', () => {
  it('begins again in the next bucket when it could not record its beginning before its bucket settled', async () => {
    const { ports, batches, begun } = memoryCounts(1);
    let now = Date.parse('2026-12-07T02:00:55.500Z');
    // Slowed past its bucket's settling (a stalled container): by the next try the clock is in the next bucket.
    await packScans(ports, [record('a')], times, () => new Date((now += 60_000)));
    expect(begun).toHaveLength(2);
    expect(begun[1]!.bucket).toBe(begun[0]!.bucket + 1);
    expect(begun[0]!.beganBy).toEqual(liveBucketSettles(begun[0]!.bucket, times));
    expect(batches.map((b) => b.bucket)).toEqual([begun[1]!.bucket]);
  });

  it('never counts a repeat live', async () => {
    const { ports, batches } = memoryCounts();
    await packScans(ports, [record('a'), record('b', { repeat: true })], times);
    expect(batches[0]!.scans.map((s) => [s.scanId, s.live])).toEqual([['a', true], ['b', false]]);
  });
});

describe('the live fold', () => {
  it('folds each settled bucket once, though it runs again, and says how old the view is', async () => {
    const { ports, counters } = memoryCounts();
    const at = new Date('2026-12-07T02:00:10.000Z');
    await ports.scanCounts.markCounted(await packScans(ports, [record('a'), record('b', { direction: 'out' })], times, () => at));
    const settled = new Date(liveBucketSettles(Math.floor((at.getTime() + 4_000) / 60_000), times).getTime() + 1);

    const before = await foldLiveScans(ports, times, new Date(settled.getTime() - 2));
    expect(before.ageSeconds).toBeGreaterThan(0);
    expect(counters.size).toBe(0);
    const first = await foldLiveScans(ports, times, settled);
    const again = await foldLiveScans(ports, times, new Date(settled.getTime() + 60_000));
    expect(counters.get('g1|2026-12-07')!.counts).toMatchObject({ in: 1, out: 1 });
    expect([first.ageSeconds, again.ageSeconds]).toEqual([0, 0]);
    expect(again.foldedThrough).toBe(first.foldedThrough);
  });

  it('waits for a batch begun but not counted, for the aggregator\'s timeout at most, then leaves it to the close', async () => {
    const { ports, counters } = memoryCounts();
    const at = new Date('2026-12-07T02:00:10.000Z');
    await packScans(ports, [record('a')], times, () => at);
    const settled = liveBucketSettles(Math.floor((at.getTime() + 4_000) / 60_000), times);
    expect((await foldLiveScans(ports, times, new Date(settled.getTime() + 1))).foldedThrough).toBeUndefined();
    const later = await foldLiveScans(ports, times, new Date(settled.getTime() + 31_000));
    expect(later.foldedThrough).toBeDefined();
    expect(counters.size).toBe(0);
  });
});
