import { describe, expect, it } from 'vitest';
import type { DistrictDay } from '../../src/reporting/city-report.ts';
import { cityReport, districtDay } from '../../src/reporting/city-report.ts';
import type { GridDay } from '../../src/reporting/daily-report.ts';
import type { Registry } from '../../src/registry/registry.ts';
import { defaultPolicy } from '../../src/policy.ts';

const registry: Registry = {
  district: { id: 'd1', name: 'East', timeZone: 'Asia/Shanghai', policy: defaultPolicy },
  streets: [{ id: 's1', name: 'Street' }],
  communities: [{ id: 'c1', name: 'Lotus', streetId: 's1' }],
  grids: [{ id: 'g1', name: 'G1', communityId: 'c1' }, { id: 'g2', name: 'G2', communityId: 'c1' }],
  buildings: [],
  checkpoints: [],
};

const gridDay = (gridId: string, fields: Partial<GridDay> = {}): GridDay => ({
  gridId, scans: { in: 10, out: 5, denied: 2, 'deny.fever': 2, fever: 2, provisional: 1 }, cases: { suspected: 1 }, work: { disinfectionRounds: 2 },
  reported: true, reportedOnTime: true, deliveries: { requested: 2, delivered: 1, 'minutes.30': 1 }, openDeliveries: 1, zeroStreakDays: 14, epidemicFree: true, final: true, ...fields,
});

const city = { id: 'city', name: 'City', districts: ['d1', 'd2', 'd3'] };
const eastCare = { 'urgent.opened': 3, 'urgent.acknowledged': 2, 'ack.minutes.4': 2, 'urgent.arranged': 1, 'arrange.minutes.20': 1, 'care.visits': 5 };
const east = districtDay(registry, '2020-03-12', new Map([['g1', gridDay('g1')], ['g2', gridDay('g2', { epidemicFree: false, deliveries: { delivered: 2, 'minutes.10': 2 } })]]), eastCare, '2020-03-13T00:10:00+08:00');
const west: DistrictDay = { ...east, districtId: 'd2', districtName: 'West', deliveryMinutes: { 'minutes.50': 3 }, care: { 'urgent.opened': 1, 'urgent.acknowledged': 1, 'ack.minutes.10': 1, 'urgent.escalated': 1 }, figures: { ...east.figures, deliveries: { ...east.figures.deliveries, medianMinutesToDeliver: 50 } } };

describe('districtDay', () => {
  it("carries the district's figures and its delivery-time histogram, and no id below the district", () => {
    expect(east.figures.scans).toEqual({ in: 20, out: 10, denied: 4, denyReasons: { fever: 4 }, fever: 4, provisional: 2 });
    expect(east.figures.epidemicFree).toEqual({ grids: 2, free: 1, percent: 50 });
    expect(east.deliveryMinutes).toEqual({ 'minutes.30': 1, 'minutes.10': 2 });
    expect(JSON.stringify(east)).not.toMatch(/"g[12]"|"c1"|"s1"/);
  });
});

describe('cityReport', () => {
  it('sums the districts, recomputes the share, and takes the median over the merged histograms', () => {
    const report = cityReport(city, '2020-03-12', [east, west]);

    expect(report.scans).toEqual({ in: 40, out: 20, denied: 8, denyReasons: { fever: 8 }, fever: 8, provisional: 4 });
    expect(report.cases.suspected).toBe(4);
    expect(report.epidemicFree).toEqual({ grids: 4, free: 2, percent: 50 });
    // 1×30 + 2×10 from East, 3×50 from West: six deliveries, median between 30 and 50.
    expect(report.deliveries.medianMinutesToDeliver).toBe(40);
    expect(report.children.map((c) => [c.id, c.level])).toEqual([['d1', 'district'], ['d2', 'district']]);
  });

  it("sums the districts' care, the medians over the merged minute histograms, counts only", () => {
    const report = cityReport(city, '2020-03-12', [east, west]);

    // Acknowledged at 4, 4 (East) and 10 minutes (West): the median is 4, not the mean of 4 and 10.
    expect(report.care).toEqual({
      urgent: { opened: 4, acknowledged: 3, arranged: 1, escalated: 1, medianMinutesToAcknowledge: 4, medianMinutesToArrange: 20 },
      visits: { done: 5 },
    });
    expect(report.children.map((c) => c.care.urgent.opened)).toEqual([3, 1]);
    expect(cityReport(city, '2020-03-12', []).care.urgent).toMatchObject({ opened: 0, medianMinutesToAcknowledge: null });
  });

  it('is not final while a member district is missing or not final, and ignores a district of another city', () => {
    const stranger = { ...west, districtId: 'elsewhere' };

    expect(cityReport(city, '2020-03-12', [east, west, stranger])).toMatchObject({ final: false, missingDistricts: ['d3'] });
    expect(cityReport({ ...city, districts: ['d1', 'd2'] }, '2020-03-12', [east, { ...west, final: false }]).final).toBe(false);
    expect(cityReport({ ...city, districts: ['d1', 'd2'] }, '2020-03-12', [east, west]).final).toBe(true);
  });

  it('is all zeros with every district missing before any has reported', () => {
    const report = cityReport(city, '2020-03-12', []);

    expect(report).toMatchObject({ final: false, missingDistricts: ['d1', 'd2', 'd3'], children: [], scans: { in: 0, denyReasons: {} }, epidemicFree: { grids: 0, free: 0, percent: 0 } });
    expect(report.deliveries.medianMinutesToDeliver).toBeNull();
  });
});
