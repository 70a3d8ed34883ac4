import { describe, expect, it } from 'vitest';
import type { GridDay } from '../../src/reporting/daily-report.ts';
import { dailyReport, percent, rollupRows, unitOf } from '../../src/reporting/daily-report.ts';
import { reportCsv } from '../../src/reporting/report-csv.ts';
import type { Registry } from '../../src/registry/registry.ts';
import { defaultPolicy } from '../../src/policy.ts';

const registry: Registry = {
  district: { id: 'd', name: 'District', timeZone: 'Asia/Shanghai', policy: defaultPolicy },
  streets: [{ id: 's1', name: 'Street' }],
  communities: [{ id: 'c1', name: 'Lotus, East', streetId: 's1' }, { id: 'c2', name: '=SUM(A1)', streetId: 's1' }],
  grids: [{ id: 'g1', name: 'G1', communityId: 'c1' }, { id: 'g2', name: 'G2', communityId: 'c1' }, { id: 'g3', name: 'G3', communityId: 'c2' }],
  buildings: [],
  checkpoints: [],
};

const day = (gridId: string, fields: Partial<GridDay> = {}): GridDay => ({
  gridId, scans: { in: 10, out: 5, denied: 2, 'deny.fever': 2, fever: 2, provisional: 1 }, cases: {}, work: { disinfectionRounds: 2, householdsVisited: 4 },
  reported: true, reportedOnTime: true, deliveries: { requested: 2, delivered: 1, 'minutes.30': 1 }, openDeliveries: 1, zeroStreakDays: 14, epidemicFree: true, final: true, ...fields,
});

describe('dailyReport', () => {
  it('a community is epidemic-free only when all its grids are: one grid breaks it', () => {
    const days = new Map([['g1', day('g1')], ['g2', day('g2', { epidemicFree: false, zeroStreakDays: 0, cases: { 'close-contact': 1 } })], ['g3', day('g3')]]);

    const street = dailyReport(unitOf(registry, 'street', 's1')!, '2020-03-12', days);

    expect(street.epidemicFree).toEqual({ grids: 3, free: 2, percent: 66.7 });
    expect(street.children.map((c) => [c.id, c.epidemicFree.free, c.epidemicFree.grids])).toEqual([['c1', 1, 2], ['c2', 1, 1]]);
    expect(street.cases.closeContact).toBe(1);
  });

  it('sums every figure of the children, and takes the median over the merged histogram', () => {
    const days = new Map([['g1', day('g1')], ['g2', day('g2', { deliveries: { requested: 1, delivered: 2, 'minutes.10': 2 } })], ['g3', day('g3')]]);

    const district = dailyReport(unitOf(registry, 'district', 'd')!, '2020-03-12', days);

    expect(district.scans).toEqual({ in: 30, out: 15, denied: 6, denyReasons: { fever: 6 }, fever: 6, provisional: 3 });
    expect(district.deliveries).toEqual({ requested: 5, delivered: 4, failed: 0, open: 3, medianMinutesToDeliver: 20 });
    expect(district.hygiene.disinfectionRounds).toBe(6);
    expect(district.final).toBe(true);
  });

  it('is not final while any grid is still open', () => {
    const days = new Map([['g1', day('g1')], ['g2', day('g2', { final: false })]]);

    expect(dailyReport(unitOf(registry, 'community', 'c1')!, '2020-03-12', days).final).toBe(false);
  });

  it.each([[3945, 7108, 55.5], [1, 3, 33.3], [0, 0, 0], [2, 2, 100]])('percent(%i, %i) = %d', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('knows unknown units', () => {
    expect(unitOf(registry, 'grid', 'nope')).toBeUndefined();
    expect(unitOf(registry, 'district', 'other')).toBeUndefined();
  });
});

describe('reportCsv', () => {
  it('quotes names with commas and defuses formulas', () => {
    const days = new Map([['g1', day('g1')], ['g2', day('g2')], ['g3', day('g3')]]);

    const csv = reportCsv(dailyReport(unitOf(registry, 'street', 's1')!, '2020-03-12', days));

    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^community,c1,"Lotus, East",2020-03-12,true,20,10,4,4,/);
    expect(lines[2]).toMatch(/^community,c2,'=SUM\(A1\),/);
  });
});

describe('rollupRows', () => {
  it('gives every community, street and the district the same row its report would compute', () => {
    const days = new Map([['g1', day('g1')], ['g2', day('g2', { epidemicFree: false })], ['g3', day('g3')]]);

    const rows = rollupRows(registry, '2020-03-12', days);

    expect(rows.map((r) => `${r.level}:${r.id}`)).toEqual(['community:c1', 'community:c2', 'street:s1', 'district:d']);
    for (const row of rows) {
      const { children: _children, ...direct } = dailyReport(unitOf(registry, row.level, row.id)!, '2020-03-12', days);
      expect(row).toEqual(direct);
    }
  });
});

