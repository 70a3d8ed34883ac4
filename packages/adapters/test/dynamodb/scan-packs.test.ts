import { describe, expect, it } from 'vitest';
import type { PackedScan } from '@firstline/domain';
import { chunks, decodePack, encodePack, groupBy } from '../../src/dynamodb/scan-packs.ts';

const scan = (n: number, over: Partial<PackedScan> = {}): PackedScan => ({
  scanId: `4b1f0c2e-9d7a-4c1e-8f5b-${String(n).padStart(12, '0')}`, gridId: `g${n % 3}`, day: '2026-12-07', checkpointId: `cp${n % 7}`,
  direction: n % 2 ? 'in' : 'out', verdict: 'allow', reason: 'ok', fever: false, live: true, ...over,
});

describe('packed scans', () => {
  it('read back as written: every field the close and the live view count by', () => {
    const scans = [
      scan(1), scan(2, { verdict: 'deny', reason: 'fever', fever: true }), scan(3, { provisional: true, live: false }),
      scan(4, { verdict: 'deny', reason: 'unknown-person' }), scan(5, { verdict: 'allow', reason: 'ok', live: false }),
    ];
    expect(decodePack({ scans: encodePack(scans) }, '2026-12-07')).toEqual(scans);
  });

  it('take ~35 bytes a scan or less, gzip\'d, for a full batch of random scan ids', () => {
    const scans = Array.from({ length: 100 }, (_, n) => scan(n, { scanId: crypto.randomUUID() }));
    expect(encodePack(scans).byteLength / scans.length).toBeLessThan(40);
  });

  it('group and cut items in order', () => {
    expect([...groupBy([1, 2, 3, 4, 5], (n) => String(n % 2))]).toEqual([['1', [1, 3, 5]], ['0', [2, 4]]]);
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
