import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/policy.ts';
import { feverScansCsv, openCasesCsv } from '../../src/reporting/work-list-csv.ts';
import {
  daysSinceReported, feverListSince, quarantineEnd, quarantineEndingSoon, quarantineReportDays, reportingDeadlinePassed,
} from '../../src/reporting/work-lists.ts';

const tz = 'Asia/Shanghai';

describe('work-list rules', () => {
  it('shows fevers of the last 48 h', () => {
    expect(feverListSince(new Date('2020-03-12T10:00:00Z'))).toBe('2020-03-10T10:00:00.000Z');
  });

  it('counts whole district days since a case was reported, 0 on the day itself', () => {
    expect(daysSinceReported('2020-03-12', '2020-03-12')).toBe(0);
    expect(daysSinceReported('2020-02-27', '2020-03-02')).toBe(4);
  });

  it("ends a quarantine the policy's days after the report, per kind; a case without one has no end", () => {
    const policy = { quarantineDays: { home: 14, central: 7 } };
    expect(quarantineEnd({ quarantine: 'home', reportedAt: '2020-03-01T09:00:00+08:00' }, policy)).toBe('2020-03-15T01:00:00.000Z');
    expect(quarantineEnd({ quarantine: 'central', reportedAt: '2020-03-01T09:00:00+08:00' }, policy)).toBe('2020-03-08T01:00:00.000Z');
    expect(quarantineEnd({ quarantine: 'none', reportedAt: '2020-03-01T09:00:00+08:00' }, policy)).toBeUndefined();
    expect(defaultPolicy.quarantineDays).toEqual({ home: 14, central: 14 });
  });

  it('lists a quarantine ending within 48 h, or ended and still open, and not one ending later', () => {
    const now = new Date('2020-03-12T00:00:00Z');
    expect(quarantineEndingSoon('2020-03-13T23:59:59.000Z', now)).toBe(true);
    expect(quarantineEndingSoon('2020-03-10T00:00:00.000Z', now)).toBe(true);
    expect(quarantineEndingSoon('2020-03-14T00:00:00.000Z', now)).toBe(false);
  });

  it("filters stores on the last report day that can end within 48 h, in the district's zone", () => {
    // 20:00 UTC on the 11th is 04:00 on the 12th in Shanghai; 48 h on is the 14th there.
    expect(quarantineReportDays(new Date('2020-03-11T20:00:00Z'), { quarantineDays: { home: 14, central: 10 } }, tz)).toEqual({ home: '2020-02-29', central: '2020-03-04' });
  });

  it("lists grids not reported only after the day's deadline", () => {
    const policy = { reportingDeadline: '18:00' };
    expect(reportingDeadlinePassed('2020-03-12', new Date('2020-03-12T09:59:00Z'), policy, tz)).toBe(false);
    expect(reportingDeadlinePassed('2020-03-12', new Date('2020-03-12T10:01:00Z'), policy, tz)).toBe(true);
  });
});

describe('work-list CSV', () => {
  const person = { personId: 'p_abcdefghijklmnop', nameMasked: '张**', buildingId: 'b1' };

  it('writes a BOM, Chinese headers and Chinese kinds by default, English field names and values with en', () => {
    const row = { caseId: 'c1', gridId: 'g1', gridName: '第一网格', category: 'close-contact', quarantine: 'home', reportedAt: '2020-03-12T01:00:00.000Z', day: '2020-03-12', person, daysSinceReported: 2 } as const;
    const zh = openCasesCsv([row]);
    expect(zh.startsWith('\uFEFF')).toBe(true);
    expect(zh.slice(1).split('\r\n')).toEqual([
      '网格编号,网格,病例编号,类别,隔离方式,报告时间,报告日,人员编号,姓名（脱敏）,楼栋,报告后天数',
      'g1,第一网格,c1,密切接触者,居家隔离,2020-03-12T01:00:00.000Z,2020-03-12,p_abcdefghijklmnop,张**,b1,2', '',
    ]);
    expect(openCasesCsv([row], 'en').slice(1).split('\r\n')[1]).toBe('g1,第一网格,c1,close-contact,home,2020-03-12T01:00:00.000Z,2020-03-12,p_abcdefghijklmnop,张**,b1,2');
  });

  it('leaves a person not registered empty, and defuses text a spreadsheet would run', () => {
    const csv = feverScansCsv([{ scanId: 's1', gridId: 'g1', gridName: '=HYPERLINK("x")', checkpointId: 'cp1', checkpointName: '-北门', at: '2020-03-12T01:00:00.000Z', temperatureC: 38.5, person: null }], 'en');
    expect(csv.slice(1).split('\r\n')[1]).toBe(`g1,"'=HYPERLINK(""x"")",s1,cp1,'-北门,2020-03-12T01:00:00.000Z,38.5,,,`);
  });
});
