import { describe, expect, it } from 'vitest';
import type { DistrictDay } from '../../src/reporting/city-report.ts';
import { cityReport, districtDay } from '../../src/reporting/city-report.ts';
import type { GridDay } from '../../src/reporting/daily-report.ts';
import { dailyReport, unitOf } from '../../src/reporting/daily-report.ts';
import { reportCsv } from '../../src/reporting/report-csv.ts';
import type { Registry } from '../../src/registry/registry.ts';
import { defaultPolicy } from '../../src/policy.ts';

const registry = (communityNames: string[]): Registry => ({
  district: { id: 'd1', name: 'East', timeZone: 'Asia/Shanghai', policy: defaultPolicy },
  streets: [{ id: 's1', name: 'Street' }],
  communities: communityNames.map((name, i) => ({ id: `c${i + 1}`, name, streetId: 's1' })),
  grids: communityNames.map((_, i) => ({ id: `g${i + 1}`, name: `G${i + 1}`, communityId: `c${i + 1}` })),
  buildings: [],
  checkpoints: [],
});

const gridDay = (gridId: string): GridDay => ({
  gridId, scans: { in: 10, out: 5 }, cases: {}, work: { disinfectionRounds: 2 },
  reported: true, deliveries: {}, openDeliveries: 0, zeroStreakDays: 14, epidemicFree: true, final: true,
});

/** The street's CSV, one community row per name, and the cell each name became. */
function namesAsCells(names: string[]): string[] {
  const r = registry(names);
  const csv = reportCsv(dailyReport(unitOf(r, 'street', 's1')!, '2020-03-12', new Map(r.grids.map((g) => [g.id, gridDay(g.id)]))));
  return csv.trimEnd().split('\r\n').slice(1).map((line) => /^community,c\d+,("(?:[^"]|"")*"|[^,]*),/.exec(line)![1]!);
}

describe('reportCsv', () => {
  it('defuses every cell a spreadsheet would run as a formula, also after spaces, a TAB or a CR', () => {
    const cells = namesAsCells(['=SUM(A1)', '+1', '-2+3', '@cmd', '\t=1+1', '\r=1+1', '  =HYPERLINK("x")', ' \t@x']);

    expect(cells).toEqual([
      "'=SUM(A1)", "'+1", "'-2+3", "'@cmd", "'\t=1+1", `"'\r=1+1"`, `"'  =HYPERLINK(""x"")"`, "' \t@x",
    ]);
  });

  it('leaves ordinary text alone, quoting only what RFC 4180 asks', () => {
    expect(namesAsCells(['Lotus, East', 'Maple 2-3', 'a=b', 'say "hi"'])).toEqual(['"Lotus, East"', 'Maple 2-3', 'a=b', '"say ""hi"""']);
  });

  it("says what the city report says: a row per district that has not sent the day, not final and without figures", () => {
    const r = registry(['Lotus']);
    const east = districtDay(r, '2020-03-12', new Map([['g1', gridDay('g1')]]), '2020-03-13T00:10:00+08:00');
    const west: DistrictDay = { ...east, districtId: 'd2', districtName: 'West', final: false };
    const report = cityReport({ id: 'city', name: 'City', districts: ['d1', 'd2', 'd3'] }, '2020-03-12', [east, west]);

    const [header, ...rows] = reportCsv(report).trimEnd().split('\r\n');

    expect(report).toMatchObject({ final: false, missingDistricts: ['d3'] });
    expect(rows.map((row) => row.split(',').slice(0, 6).join(','))).toEqual([
      'district,d1,East,2020-03-12,true,10', 'district,d2,West,2020-03-12,false,10', 'district,d3,,2020-03-12,false,',
    ]);
    expect(rows[2]!.split(',')).toHaveLength(header!.split(',').length);
    expect(rows[2]!.split(',').slice(5).every((figure) => figure === '')).toBe(true);
  });

  it('has exactly the district rows when every member district sent the day', () => {
    const r = registry(['Lotus']);
    const east = districtDay(r, '2020-03-12', new Map([['g1', gridDay('g1')]]), '2020-03-13T00:10:00+08:00');

    const rows = reportCsv(cityReport({ id: 'city', name: 'City', districts: ['d1'] }, '2020-03-12', [east])).trimEnd().split('\r\n').slice(1);

    expect(rows.map((row) => row.split(',').slice(0, 5).join(','))).toEqual(['district,d1,East,2020-03-12,true']);
  });
});
