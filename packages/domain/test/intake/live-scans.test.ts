import { describe, expect, it } from 'vitest';
import type { PackedBatch, PackedScan } from '../../src/intake/live-scans.ts';
import { bucketSettled, distinctScans, liveBucketEnd, liveBucketOf, liveBucketSettles, liveScansOf, scanReadGroupOf } from '../../src/intake/live-scans.ts';

const scan = (scanId: string, live = true): PackedScan => ({
  scanId, gridId: 'g1', day: '2026-12-07', checkpointId: 'cp1', direction: 'in', verdict: 'allow', reason: 'ok', fever: false, live,
});
const batch = (bucket: number, order: string, scans: PackedScan[], counted = true, begunAt = 0): PackedBatch => ({ bucket, order, counted, begunAt, scans });
const ids = (scans: { scanId: string }[]) => scans.map((s) => s.scanId);

describe('the live fold', () => {
  it('counts a bucket\'s live scans of counted batches, and nothing of another bucket', () => {
    const batches = [batch(9, 'a', [scan('x')]), batch(10, 'a', [scan('a'), scan('b')]), batch(11, 'a', [scan('c')])];
    expect(ids(liveScansOf(batches, 10, 5))).toEqual(['a', 'b']);
  });

  it('counts a scan once where it first appeared: a redelivered batch, a retry, a duplicate delivery add nothing', () => {
    const first = batch(10, '0001', [scan('a'), scan('b')]);
    const again = batch(10, '0002', [scan('b'), scan('c')]);
    const later = batch(12, '0001', [scan('a'), scan('d')]);
    expect(ids(liveScansOf([again, first, later], 10, 5))).toEqual(['a', 'b', 'c']);
    expect(ids(liveScansOf([again, first, later], 12, 5))).toEqual(['d']);
  });

  it('leaves a scan out when it first appeared in a batch that was never counted (a crash before counting): short, never double', () => {
    const crashed = batch(10, '0001', [scan('a'), scan('b')], false);
    const redelivered = batch(11, '0001', [scan('a'), scan('b'), scan('c')]);
    expect(ids(liveScansOf([crashed, redelivered], 10, 5))).toEqual([]);
    expect(ids(liveScansOf([crashed, redelivered], 11, 5))).toEqual(['c']);
  });

  it('tells scans apart as the close does, by id in their grid and day: the same id elsewhere is another scan', () => {
    const first = batch(10, '0001', [scan('a')]);
    const elsewhere = batch(10, '0002', [{ ...scan('a'), gridId: 'g2' }, { ...scan('a'), day: '2026-12-06' }]);
    expect(liveScansOf([first, elsewhere], 10, 5).map((s) => `${s.gridId} ${s.day}`)).toEqual(['g1 2026-12-07', 'g2 2026-12-07', 'g1 2026-12-06']);
  });

  it('never counts a repeat the route published again, even where it first appears', () => {
    expect(ids(liveScansOf([batch(10, 'a', [scan('a', false), scan('b')])], 10, 5))).toEqual(['b']);
  });

  it('counts the upload a repeat repeats though the repeat was packed first (both sent at once)', () => {
    const repeat = batch(10, '0001', [scan('a', false)]);
    const upload = batch(10, '0002', [scan('a')]);
    expect(ids(liveScansOf([repeat, upload], 10, 5))).toEqual(['a']);
  });

  it('looks back one window only: a scan seen longer ago counts again (the close is exact either way)', () => {
    const old = batch(4, 'a', [scan('a')]);
    const now = batch(10, 'a', [scan('a')]);
    expect(ids(liveScansOf([old, now], 10, 5))).toEqual(['a']);
    expect(ids(liveScansOf([old, now], 10, 6))).toEqual([]);
  });

  it('drops the pack-only flag from what it counts', () => {
    expect(liveScansOf([batch(10, 'a', [scan('a')])], 10, 5)[0]).not.toHaveProperty('live');
  });
});

describe('when a bucket is folded', () => {
  const times = { bucketSeconds: 60, settleSeconds: 3, graceSeconds: 30 };
  const end = liveBucketEnd(10, times).getTime();

  it('after it ended and settled', () => {
    expect(bucketSettled([], 10, new Date(end + 2_999), times)).toBe(false);
    expect(bucketSettled([], 10, new Date(end + 3_000), times)).toBe(true);
  });

  it('holds back while a batch begun in it may still be counted, and no longer than the aggregator\'s timeout', () => {
    const pending = [batch(10, 'a', [scan('a')], false, end - 1_000)];
    expect(bucketSettled(pending, 10, new Date(end + 5_000), times)).toBe(false);
    expect(bucketSettled(pending, 10, new Date(end + 29_000), times)).toBe(true);
    expect(bucketSettled(pending, 11, new Date(liveBucketEnd(11, times).getTime() + 3_000), times)).toBe(true);
  });
});

describe('buckets, shards and the close', () => {
  it('numbers buckets from the epoch, each settled a second before a whole minute (the fold runs on the minute)', () => {
    const cloud = { bucketSeconds: 60, settleSeconds: 3 };
    expect(liveBucketOf(new Date(600_000 - 4_000), cloud)).toBe(10);
    expect(liveBucketOf(new Date(660_000 - 4_001), cloud)).toBe(10);
    expect(liveBucketOf(new Date(660_000 - 4_000), cloud)).toBe(11);
    expect(liveBucketEnd(10, cloud).toISOString()).toBe(new Date(656_000).toISOString());
    expect(liveBucketSettles(10, cloud).toISOString()).toBe(new Date(659_000).toISOString());
    expect(liveBucketOf(new Date(1_000), { bucketSeconds: 0.25, settleSeconds: 0.25 })).toBe(9);
  });

  it('puts a grid in the same read group always, and spreads grids over all of them', () => {
    const grids = Array.from({ length: 2_000 }, (_, i) => `g${i}`);
    const groups = new Map<number, number>();
    for (const g of grids) groups.set(scanReadGroupOf(g), (groups.get(scanReadGroupOf(g)) ?? 0) + 1);
    expect(scanReadGroupOf('g17')).toBe(scanReadGroupOf('g17'));
    expect([...groups.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const n of groups.values()) expect(n).toBeGreaterThan(400);
  });

  it('counts each scan id once at the close, however often it was packed', () => {
    expect(ids(distinctScans([scan('a'), scan('b'), scan('a', false), scan('c'), scan('b')]))).toEqual(['a', 'b', 'c']);
  });
});
