import { describe, expect, it } from 'vitest';
import { addScanCounts, aggregateScanCounts, countsFromRecords, emptyScanCounts } from '../../src/scans/scan-counters.ts';
import type { GridDayScanCounts, RecordedScan, ScanCounts } from '../../src/scans/scan-counters.ts';
import { denyReasons } from '../../src/scans/verdict.ts';

let nextId = 0;
const rec = (over: Partial<RecordedScan> = {}): RecordedScan => ({
  scanId: `s${++nextId}`,
  checkpointId: 'cp1',
  gridId: 'g1',
  day: '2020-03-12',
  direction: 'in',
  verdict: 'allow',
  reason: 'ok',
  fever: false,
  ...over,
});
const counts = (over: Partial<ScanCounts>): ScanCounts => ({ ...emptyScanCounts(), ...over });
const onlyEntry = (scans: RecordedScan[]): ScanCounts => {
  const out = aggregateScanCounts(scans);
  expect(out).toHaveLength(1);
  return out[0]!.counts;
};

describe('aggregateScanCounts', () => {
  it('gives nothing for no scans', () => {
    // Act
    const out = aggregateScanCounts([]);

    // Assess
    expect(out).toEqual([]);
  });

  it.each([
    ['an allowed in', rec({ direction: 'in' }), counts({ in: 1, checkpoints: { cp1: { in: 1, out: 0, denied: 0, fever: 0 } } })],
    ['an allowed out', rec({ direction: 'out' }), counts({ out: 1, checkpoints: { cp1: { in: 0, out: 1, denied: 0, fever: 0 } } })],
    [
      'a denied in counts as in and as denied',
      rec({ direction: 'in', verdict: 'deny', reason: 'code-red' }),
      counts({ in: 1, denied: 1, denyReasons: { 'code-red': 1 }, checkpoints: { cp1: { in: 1, out: 0, denied: 1, fever: 0 } } }),
    ],
    [
      'a fever denial counts the fever and the reason',
      rec({ direction: 'out', verdict: 'deny', reason: 'fever', fever: true }),
      counts({ out: 1, denied: 1, denyReasons: { fever: 1 }, fever: 1, checkpoints: { cp1: { in: 0, out: 1, denied: 1, fever: 1 } } }),
    ],
    [
      'a fever behind an earlier denial is still a fever',
      rec({ verdict: 'deny', reason: 'invalid-code', fever: true }),
      counts({ in: 1, denied: 1, denyReasons: { 'invalid-code': 1 }, fever: 1, checkpoints: { cp1: { in: 1, out: 0, denied: 1, fever: 1 } } }),
    ],
    [
      'an inconsistent deny with reason ok is denied but names no reason',
      rec({ verdict: 'deny', reason: 'ok' }),
      counts({ in: 1, denied: 1, checkpoints: { cp1: { in: 1, out: 0, denied: 1, fever: 0 } } }),
    ],
  ] as const)('%s', (_name, scan, expected) => {
    // Act
    const out = aggregateScanCounts([scan]);

    // Assess
    expect(out).toEqual([{ gridId: 'g1', day: '2020-03-12', counts: expected }]);
  });

  it.each(denyReasons.map((r) => [r]))('counts deny reason %s under its own name', (reason) => {
    // Prepare
    const scans = [rec({ verdict: 'deny', reason }), rec({ verdict: 'deny', reason }), rec()];

    // Act
    const c = onlyEntry(scans);

    // Assess
    expect(c.denyReasons).toEqual({ [reason]: 2 });
    expect(c.denied).toBe(2);
  });

  it('counts only deny reasons: an allow never appears in denyReasons', () => {
    // Prepare
    const scans = [rec(), rec({ direction: 'out' }), rec({ verdict: 'allow', reason: 'ok', fever: true })];

    // Act
    const c = onlyEntry(scans);

    // Assess
    expect(c.denyReasons).toEqual({});
    expect(c.denied).toBe(0);
  });

  it('adds up a mixed batch per grid-day and per checkpoint', () => {
    // Prepare
    const scans = [
      rec({ checkpointId: 'north', direction: 'in' }),
      rec({ checkpointId: 'north', direction: 'out' }),
      rec({ checkpointId: 'north', direction: 'out', verdict: 'deny', reason: 'pass-quota' }),
      rec({ checkpointId: 'south', direction: 'in', verdict: 'deny', reason: 'fever', fever: true }),
      rec({ checkpointId: 'south', direction: 'in', verdict: 'deny', reason: 'code-yellow', fever: true }),
      rec({ checkpointId: 'south', direction: 'out', verdict: 'deny', reason: 'fever', fever: true }),
      rec({ checkpointId: 'south', direction: 'in' }),
    ];

    // Act
    const out = aggregateScanCounts(scans);

    // Assess
    expect(out).toEqual([
      {
        gridId: 'g1',
        day: '2020-03-12',
        counts: {
          in: 4,
          out: 3,
          denied: 4,
          denyReasons: { 'pass-quota': 1, fever: 2, 'code-yellow': 1 },
          fever: 3,
          checkpoints: {
            north: { in: 1, out: 2, denied: 1, fever: 0 },
            south: { in: 3, out: 1, denied: 3, fever: 3 },
          },
        },
      },
    ]);
  });

  it('keeps one entry per distinct (grid, day), sorted by grid then day, so writes grow with keys not scans', () => {
    // Prepare
    const grids = ['g2', 'g1', 'g3'];
    const days = ['2020-03-13', '2020-03-12'];
    const scans = Array.from({ length: 1200 }, (_, i) => rec({ gridId: grids[i % 3]!, day: days[i % 2]!, checkpointId: `cp${i % 5}` }));

    // Act
    const out = aggregateScanCounts(scans);

    // Assess
    expect(out.map((e) => `${e.gridId}/${e.day}`)).toEqual([
      'g1/2020-03-12', 'g1/2020-03-13', 'g2/2020-03-12', 'g2/2020-03-13', 'g3/2020-03-12', 'g3/2020-03-13',
    ]);
    expect(out.map((e) => e.counts.in)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(out.reduce((n, e) => n + Object.values(e.counts.checkpoints).reduce((m, c) => m + c.in, 0), 0)).toBe(1200);
  });

  it('counts a late scan on its own day, apart from the day it arrived with', () => {
    // Prepare
    const scans = [rec({ day: '2020-03-12' }), rec({ day: '2020-03-05', direction: 'out' })];

    // Act
    const out = aggregateScanCounts(scans);

    // Assess
    expect(out.map((e) => [e.day, e.counts.in, e.counts.out])).toEqual([['2020-03-05', 0, 1], ['2020-03-12', 1, 0]]);
  });

  it('counts a scan id repeated within a batch once', () => {
    // Prepare
    const once = rec({ scanId: 'dup', verdict: 'deny', reason: 'fever', fever: true });

    // Act
    const c = onlyEntry([once, { ...once }, rec({ scanId: 'other' })]);

    // Assess
    expect(c).toEqual(counts({
      in: 2, denied: 1, denyReasons: { fever: 1 }, fever: 1, checkpoints: { cp1: { in: 2, out: 0, denied: 1, fever: 1 } },
    }));
  });

  it('does not confuse keys whose ids contain separators', () => {
    // Prepare
    const scans = [rec({ gridId: 'a', day: 'b|c' }), rec({ gridId: 'a|b', day: 'c' })];

    // Act
    const out = aggregateScanCounts(scans);

    // Assess
    expect(out).toHaveLength(2);
  });

  it.each([['__proto__'], ['constructor'], ['toString'], ['hasOwnProperty']])('takes %s as an ordinary checkpoint id', (checkpointId) => {
    // Prepare
    const scans = [rec({ checkpointId }), rec({ checkpointId, direction: 'out' })];

    // Act
    const c = onlyEntry(scans);

    // Assess
    expect(Object.keys(c.checkpoints)).toEqual([checkpointId]);
    expect(c.checkpoints[checkpointId]).toEqual({ in: 1, out: 1, denied: 0, fever: 0 });
    expect(JSON.parse(JSON.stringify(c)).checkpoints[checkpointId]).toEqual({ in: 1, out: 1, denied: 0, fever: 0 });
  });
});

describe('emptyScanCounts', () => {
  it('is all zeros, with fresh objects every time', () => {
    // Act
    const a = emptyScanCounts();
    const b = emptyScanCounts();
    a.denyReasons.fever = 1;
    a.checkpoints.cp1 = { in: 1, out: 0, denied: 0, fever: 0 };

    // Assess
    expect(b).toEqual({ in: 0, out: 0, denied: 0, denyReasons: {}, fever: 0, checkpoints: {} });
  });
});

describe('addScanCounts', () => {
  const a = counts({
    in: 3, out: 1, denied: 2, fever: 1, denyReasons: { fever: 1, 'code-red': 1 },
    checkpoints: { cp1: { in: 2, out: 1, denied: 1, fever: 1 }, cp2: { in: 1, out: 0, denied: 1, fever: 0 } },
  });
  const b = counts({
    in: 1, out: 4, denied: 3, fever: 0, denyReasons: { 'code-red': 2, 'pass-quota': 1 },
    checkpoints: { cp2: { in: 1, out: 2, denied: 2, fever: 0 }, cp3: { in: 0, out: 2, denied: 1, fever: 0 } },
  });

  it('adds every field and merges reasons and checkpoints', () => {
    // Act
    const sum = addScanCounts(a, b);

    // Assess
    expect(sum).toEqual({
      in: 4, out: 5, denied: 5, fever: 1, denyReasons: { fever: 1, 'code-red': 3, 'pass-quota': 1 },
      checkpoints: {
        cp1: { in: 2, out: 1, denied: 1, fever: 1 },
        cp2: { in: 2, out: 2, denied: 3, fever: 0 },
        cp3: { in: 0, out: 2, denied: 1, fever: 0 },
      },
    });
  });

  it('is commutative and has emptyScanCounts as identity', () => {
    // Act
    const ab = addScanCounts(a, b);
    const ba = addScanCounts(b, a);
    const a0 = addScanCounts(a, emptyScanCounts());
    const zeroA = addScanCounts(emptyScanCounts(), a);

    // Assess
    expect(ab).toEqual(ba);
    expect(a0).toEqual(a);
    expect(zeroA).toEqual(a);
  });

  it('changes neither input and shares no objects with them', () => {
    // Prepare
    const before = JSON.stringify([a, b]);

    // Act
    const sum = addScanCounts(a, b);
    sum.checkpoints.cp1!.in = 99;
    sum.denyReasons.fever = 99;

    // Assess
    expect(JSON.stringify([a, b])).toBe(before);
  });
});

describe('countsFromRecords', () => {
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const r = random(42);
  const records: RecordedScan[] = Array.from({ length: 500 }, () => {
    const verdict = r() < 0.4 ? 'deny' : 'allow';
    return rec({
      gridId: pick(r, ['g1', 'g2', 'g3']),
      day: pick(r, ['2020-03-11', '2020-03-12']),
      checkpointId: pick(r, ['n', 's', 'e']),
      direction: pick(r, ['in', 'out'] as const),
      verdict,
      reason: verdict === 'deny' ? pick(r, denyReasons) : 'ok',
      fever: r() < 0.1,
    });
  });

  it('is the same count as aggregating the records as one batch', () => {
    // Act
    const recount = countsFromRecords(records);

    // Assess
    expect(recount).toEqual(aggregateScanCounts(records));
  });

  it('equals the live counters built from the same scans in any split into batches', () => {
    // Prepare
    const live = new Map<string, GridDayScanCounts>();
    for (let i = 0; i < records.length; ) {
      const size = 1 + Math.floor(r() * 40);
      for (const delta of aggregateScanCounts(records.slice(i, i + size))) {
        const key = `${delta.gridId}/${delta.day}`;
        const prev = live.get(key);
        live.set(key, { ...delta, counts: prev ? addScanCounts(prev.counts, delta.counts) : delta.counts });
      }
      i += size;
    }

    // Act
    const recount = countsFromRecords([...records].reverse());

    // Assess
    expect(recount).toEqual([...live.values()].sort((x, y) => (x.gridId + x.day < y.gridId + y.day ? -1 : 1)));
    expect(recount.reduce((n, e) => n + e.counts.in + e.counts.out, 0)).toBe(records.length);
    expect(recount.reduce((n, e) => n + e.counts.denied, 0)).toBe(records.filter((x) => x.verdict === 'deny').length);
    expect(recount.reduce((n, e) => n + e.counts.fever, 0)).toBe(records.filter((x) => x.fever).length);
  });

  it('accepts full records with more fields than it counts', () => {
    // Prepare
    const full = { ...rec(), at: '2020-03-12T01:00:00.000Z', temperatureC: 36.5, personId: 'p1', expiresAt: 1 };

    // Act
    const out = countsFromRecords([full]);

    // Assess
    expect(out[0]?.counts.in).toBe(1);
  });
});
