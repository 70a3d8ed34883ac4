import { describe, expect, it } from 'vitest';
import type { DistrictDay } from '../../src/reporting/city-report.ts';
import { cityReport, districtDay } from '../../src/reporting/city-report.ts';
import type { GridDay } from '../../src/reporting/daily-report.ts';
import { dailyReport, unitOf } from '../../src/reporting/daily-report.ts';
import { csvLanguage, reportCsv, utf8Bom } from '../../src/reporting/report-csv.ts';
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
  reported: true, reportedOnTime: true, deliveries: {}, openDeliveries: 0, zeroStreakDays: 14, epidemicFree: true, final: true,
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
    const east = districtDay(r, '2020-03-12', new Map([['g1', gridDay('g1')]]), {}, '2020-03-13T00:10:00+08:00');
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
    const east = districtDay(r, '2020-03-12', new Map([['g1', gridDay('g1')]]), {}, '2020-03-13T00:10:00+08:00');

    const rows = reportCsv(cityReport({ id: 'city', name: 'City', districts: ['d1'] }, '2020-03-12', [east])).trimEnd().split('\r\n').slice(1);

    expect(rows.map((row) => row.split(',').slice(0, 5).join(','))).toEqual(['district,d1,East,2020-03-12,true']);
  });
});

describe('reportCsv for a spreadsheet', () => {
  const r = registry(['莲花社区', '枫林社区']);
  const report = dailyReport(unitOf(r, 'street', 's1')!, '2020-03-12', new Map(r.grids.map((g) => [g.id, gridDay(g.id)])));

  it('starts with a UTF-8 byte-order mark, so Excel and WPS do not read it as GBK', () => {
    const bytes = new TextEncoder().encode(reportCsv(report));

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8').decode(bytes)).toContain(',莲花社区,');
  });

  it('writes the header in Chinese by default, each column named once', () => {
    const header = reportCsv(report).slice(utf8Bom.length).split('\r\n')[0]!.split(',');

    expect(header.slice(0, 6)).toEqual(['层级', '编号', '名称', '日期', '是否终版', '进入扫码']);
    expect(new Set(header).size).toBe(header.length);
    expect(header.filter((name) => /[A-Za-z]/.test(name))).toEqual([]);
  });

  it("writes the report's field paths as the English header, and the same rows in both languages", () => {
    const [zhHeader, ...zhRows] = reportCsv(report).slice(utf8Bom.length).split('\r\n');
    const [enHeader, ...enRows] = reportCsv(report, 'en').slice(utf8Bom.length).split('\r\n');

    expect(enHeader).toMatch(/^level,id,name,date,final,scans\.in,scans\.out,/);
    expect(enHeader!.split(',')).toHaveLength(zhHeader!.split(',').length);
    expect(enRows).toEqual(zhRows);
  });
});

describe('csvLanguage', () => {
  it('takes English from lang=en, or from an Accept-Language that ranks English first', () => {
    expect(csvLanguage(undefined, 'en')).toBe('en');
    expect(csvLanguage('zh-CN', 'en')).toBe('en');
    expect(csvLanguage('en')).toBe('en');
    expect(csvLanguage('en-GB,zh-CN;q=0.8')).toBe('en');
    expect(csvLanguage('zh-CN;q=0.5, en-US;q=0.9')).toBe('en');
  });

  it('is Chinese otherwise: no header, Chinese first, a wildcard, lang=zh-CN, or an odd value', () => {
    expect(csvLanguage()).toBe('zh-CN');
    expect(csvLanguage('')).toBe('zh-CN');
    expect(csvLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(csvLanguage('*')).toBe('zh-CN');
    expect(csvLanguage('en', 'zh-CN')).toBe('zh-CN');
    expect(csvLanguage('en;q=0, zh')).toBe('zh-CN');
    expect(csvLanguage('english-ish,,;q=x')).toBe('zh-CN');
  });
});
