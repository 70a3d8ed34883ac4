import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNeedsFile } from '../src/needs-csv.ts';
import { parseDay, parseNeeds, parseTime, parseWeekdays } from '../src/needs-values.ts';

describe('need names', () => {
  it('reads several needs in one cell, in Chinese or English, whatever separates them', () => {
    expect(parseNeeds('独居老人、慢性病用药')).toEqual({ value: ['elderly-alone', 'chronic-medicine'] });
    expect(parseNeeds('透析，残疾')).toEqual({ value: ['dialysis', 'disabled'] });
    expect(parseNeeds('孕产妇; infant')).toEqual({ value: ['pregnancy', 'infant'] });
    expect(parseNeeds('Hardship mental-health')).toEqual({ value: ['hardship', 'mental-health'] });
    expect(parseNeeds('精神障碍随访；婴幼儿,低保/特困')).toEqual({ value: ['mental-health', 'infant', 'hardship'] });
  });

  it('takes two names of one need as that need once', () => {
    expect(parseNeeds('低保、特困')).toEqual({ value: ['hardship'] });
    expect(parseNeeds('透析 血透 dialysis')).toEqual({ value: ['dialysis'] });
  });

  it('clears with 无 or none, and refuses an empty cell or an unknown need', () => {
    expect(parseNeeds('无')).toEqual({ value: [] });
    expect(parseNeeds('None')).toEqual({ value: [] });
    expect(parseNeeds('  ')).toEqual({ error: expect.stringContaining('is empty') });
    expect(parseNeeds('透析、糖尿病')).toEqual({ error: expect.stringMatching(/^unknown need "糖尿病" \(the needs are elderly-alone, disabled/) });
    expect(parseNeeds('无、透析')).toEqual({ error: expect.stringContaining('unknown need "无"') });
  });
});

describe('dialysis weekdays', () => {
  it('reads 一三五, 1,3,5, 周一、周三、周五 and the other ways a register names days', () => {
    for (const cell of ['一三五', '1,3,5', '周一、周三、周五', '星期一 星期三 星期五', 'Mon, Wed, Fri', '1；3；5', '135']) {
      expect(parseWeekdays(cell), cell).toEqual({ value: [1, 3, 5] });
    }
    expect(parseWeekdays('二四六日')).toEqual({ value: [2, 4, 6, 7] });
    expect(parseWeekdays('周日')).toEqual({ value: [7] });
    expect(parseWeekdays('礼拜天、星期六')).toEqual({ value: [7, 6] });
  });

  it('refuses a day that does not exist, a word that is no day and a day named twice', () => {
    expect(parseWeekdays('1,3,8')).toEqual({ error: 'weekday 8 does not exist: weekdays are 1 (Monday) to 7 (Sunday)' });
    expect(parseWeekdays('0')).toEqual({ error: 'weekday 0 does not exist: weekdays are 1 (Monday) to 7 (Sunday)' });
    expect(parseWeekdays('周一到周五')).toEqual({ error: expect.stringContaining('"到" is not a weekday') });
    expect(parseWeekdays('monday, funday')).toEqual({ error: expect.stringContaining('"funday" is not a weekday') });
    expect(parseWeekdays('一三一')).toEqual({ error: 'weekday 1 is named twice' });
    expect(parseWeekdays('周')).toEqual({ error: expect.stringContaining('names no weekday') });
  });
});

describe('times and days', () => {
  it('reads a session time as HH:MM from what a spreadsheet shows', () => {
    expect(parseTime('07:30')).toEqual({ value: '07:30' });
    expect(parseTime('7:30')).toEqual({ value: '07:30' });
    expect(parseTime('07:30:00')).toEqual({ value: '07:30' });
    expect(parseTime('7：30')).toEqual({ value: '07:30' });
    for (const wrong of ['24:00', '7:60', '730', '7:30 am', '07:30:15']) expect(parseTime(wrong), wrong).toHaveProperty('error');
  });

  it('reads a due date as Excel and people write it, and only days that exist', () => {
    expect(parseDay('2026-03-05')).toEqual({ value: '2026-03-05' });
    expect(parseDay('2026/3/5')).toEqual({ value: '2026-03-05' });
    expect(parseDay('2026年3月5日')).toEqual({ value: '2026-03-05' });
    for (const wrong of ['2026-02-30', '3/5/2026', '下个月', '2026-3']) expect(parseDay(wrong), wrong).toHaveProperty('error');
  });
});

describe('a needs register', () => {
  const register = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'firstline-needs-'));
    writeFileSync(join(dir, 'needs.csv'), text);
    return checkNeedsFile(join(dir, 'needs.csv'));
  };

  it('turns each row into the body of PUT /v1/households/{householdId}/needs', () => {
    const check = register('\uFEFF户号,楼栋,需求,预产期,透析日,透析时间\r\nb1-h1,b1,透析、慢性病用药,,一三五,7:30\r\nb1-h2,b1,孕产妇,2026/9/1,,\r\nb2-h1,b2,无,,,\r\n');

    expect(check.problems).toEqual([]);
    expect(check.rows).toEqual([
      { line: 2, householdId: 'b1-h1', body: { buildingId: 'b1', needs: ['dialysis', 'chronic-medicine'], dialysis: { weekdays: [1, 3, 5], time: '07:30' } } },
      { line: 3, householdId: 'b1-h2', body: { buildingId: 'b1', needs: ['pregnancy'], dueDate: '2026-09-01' } },
      { line: 4, householdId: 'b2-h1', body: { buildingId: 'b2', needs: [] } },
    ]);
  });

  it('names every problem of every row by line and column, and keeps no row', () => {
    const check = register([
      'householdId,buildingId,needs,dueDate,dialysisDays,dialysisTime',
      'b1-h1,b1,糖尿病,,,',
      'b1-h2,b1,infant,2026-09-01,,',
      'b1-h3,b1,dialysis,,1,3,8,07:30',
      'b1-h4,b1,dialysis,,"1,3,8",07:30',
      'b1-h5,b1,elderly-alone,,一三五,08:00',
      'b1-h6,b1,dialysis,,一三五,',
      'b1 h7,,透析,,,',
      'b1-h1,b1,残疾,,,',
    ].join('\n'));

    expect(check.rows).toBeUndefined();
    expect(check.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^2: column needs: unknown need "糖尿病"/),
      '3: column dueDate: a due date goes with the need pregnancy (孕产妇)',
      '4: 8 fields but the header has 6; is a value with a comma missing its quotes?',
      '5: column dialysisDays: weekday 8 does not exist: weekdays are 1 (Monday) to 7 (Sunday)',
      '6: column dialysisDays: sessions go with the need dialysis (透析)',
      '7: column dialysisTime: is empty; dialysis weekdays need the time of the session',
      '8: column householdId: letters, digits and . _ : - only (got "b1 h7")',
      '8: column buildingId: is empty',
      '9: column householdId: the same household as on line 2; a household has one row with all its needs',
    ]);
  });

  it('needs its three columns, in English or Chinese', () => {
    expect(register('户号,需求\nb1-h1,透析\n').problems).toEqual([{ file: 'needs.csv', line: 1, message: 'missing column buildingId (the header has 户号, 需求)' }]);
  });
});
