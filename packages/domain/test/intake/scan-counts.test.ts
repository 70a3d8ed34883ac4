import { describe, expect, it } from 'vitest';
import { aggregateScanCounts } from '../../src/intake/scan-counts.ts';
import type { Reason } from '../../src/intake/scan-types.ts';

const s = (gridId: string, day: string, checkpointId: string, direction: 'in' | 'out', reason: Reason = 'ok', fever = false) => ({
  gridId, day, checkpointId, direction, verdict: reason === 'ok' ? ('allow' as const) : ('deny' as const), reason, fever,
});

describe('aggregateScanCounts', () => {
  it('writes one delta per grid and day, whatever the number of scans', () => {
    const scans = [
      ...Array.from({ length: 50 }, () => s('g1', '2020-03-10', 'cp1', 'in')),
      ...Array.from({ length: 30 }, () => s('g1', '2020-03-10', 'cp2', 'out')),
      s('g1', '2020-03-09', 'cp1', 'in', 'fever', true),
      s('g2', '2020-03-10', 'cp3', 'in', 'code-red', true),
    ];

    const deltas = aggregateScanCounts(scans);

    expect(deltas).toHaveLength(3);
    expect(deltas.find((d) => d.gridId === 'g1' && d.day === '2020-03-10')!.counts).toEqual({
      in: 50, 'cp.cp1.in': 50, out: 30, 'cp.cp2.out': 30,
    });
    expect(deltas.find((d) => d.day === '2020-03-09')!.counts).toEqual({
      in: 1, 'cp.cp1.in': 1, denied: 1, 'deny.fever': 1, 'cp.cp1.denied': 1, fever: 1, 'cp.cp1.fever': 1,
    });
    expect(deltas.find((d) => d.gridId === 'g2')!.counts).toMatchObject({ denied: 1, 'deny.code-red': 1, fever: 1 });
  });

  it('counts provisional verdicts apart, whatever the verdict, and nothing else for them', () => {
    const scans = [
      { ...s('g1', '2020-03-10', 'cp1', 'in'), provisional: true as const },
      { ...s('g1', '2020-03-10', 'cp1', 'in', 'code-red'), provisional: true as const },
      s('g1', '2020-03-10', 'cp1', 'in'),
    ];

    const [delta] = aggregateScanCounts(scans);

    expect(delta!.counts).toEqual({ in: 3, 'cp.cp1.in': 3, denied: 1, 'deny.code-red': 1, 'cp.cp1.denied': 1, provisional: 2 });
  });

  it('is empty for no scans', () => {
    expect(aggregateScanCounts([])).toEqual([]);
  });
});
