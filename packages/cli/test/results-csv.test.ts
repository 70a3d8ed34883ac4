import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResultsFile, parseResult, parseTube } from '../src/results-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'results-csv-'));
const sheet = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('result cells', () => {
  it('reads the Chinese words, the English ones in any case, and a sign in brackets', () => {
    expect(parseResult('阴性')).toEqual({ value: 'negative' });
    expect(parseResult(' 阳性 ')).toEqual({ value: 'positive' });
    expect(parseResult('无效')).toEqual({ value: 'invalid' });
    expect(parseResult('Negative')).toEqual({ value: 'negative' });
    expect(parseResult('POSITIVE')).toEqual({ value: 'positive' });
    expect(parseResult('invalid')).toEqual({ value: 'invalid' });
    expect(parseResult('阴性(-)')).toEqual({ value: 'negative' });
    expect(parseResult('阳性（+）')).toEqual({ value: 'positive' });
  });

  it('refuses an empty cell, another word and a word that contradicts its sign', () => {
    expect(parseResult('')).toEqual({ error: expect.stringContaining('is empty') });
    expect(parseResult('待复核')).toEqual({ error: '"待复核" is not a result: write 阴性, 阳性 or 无效 (negative, positive, invalid)' });
    expect(parseResult('阴')).toEqual({ error: expect.stringContaining('is not a result') });
    expect(parseResult('阴性(+)')).toEqual({ error: expect.stringContaining('with the sign of the other result') });
  });

  it('takes a barcode as the API takes an id', () => {
    expect(parseTube(' T-0001 ')).toEqual({ value: 'T-0001' });
    expect(parseTube('')).toEqual({ error: expect.stringContaining('is empty') });
    expect(parseTube('T 0001')).toEqual({ error: expect.stringContaining('is not a tube barcode') });
  });
});

describe('a lab\'s results sheet', () => {
  it('reads Chinese headers after a BOM, CRLF and spaces, ignoring the columns it does not use', () => {
    const path = sheet('zh.csv', '\uFEFF 姓名 ,试管编号 , 检测结果\r\n张*, T-1 , 阴性 \r\n李*,T-2,阳性\r\n\r\n王*,T-3,无效\r\n');
    const check = checkResultsFile(path);

    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([{ file: 'zh.csv', line: 1, message: 'column "姓名" is not used by firstline results; ignored' }]);
    expect(check.rows).toEqual([
      { line: 2, tubeId: 'T-1', result: 'negative' },
      { line: 3, tubeId: 'T-2', result: 'positive' },
      { line: 5, tubeId: 'T-3', result: 'invalid' },
    ]);
    expect(check.rowCount).toBe(3);
  });

  it('reads English headers and the other Chinese names of the columns', () => {
    expect(checkResultsFile(sheet('en.csv', 'Tube ID,Result\nA1,negative\n')).rows).toEqual([{ line: 2, tubeId: 'A1', result: 'negative' }]);
    expect(checkResultsFile(sheet('tubeid.csv', 'tubeId,result\nA1,negative\n')).rows).toEqual([{ line: 2, tubeId: 'A1', result: 'negative' }]);
    expect(checkResultsFile(sheet('guanhao.csv', '管号,结果\nA1,阴性\n')).rows).toEqual([{ line: 2, tubeId: 'A1', result: 'negative' }]);
  });

  it('reads a sheet Chinese Excel saved as GB18030, and says so', () => {
    // 试管编号,结果 / T-9,阴性 in GB18030.
    const gb = Buffer.concat([Buffer.from([0xca, 0xd4, 0xb9, 0xdc, 0xb1, 0xe0, 0xba, 0xc5]), Buffer.from(','), Buffer.from([0xbd, 0xe1, 0xb9, 0xfb]), Buffer.from('\r\nT-9,'), Buffer.from([0xd2, 0xf5, 0xd0, 0xd4]), Buffer.from('\r\n')]);
    const check = checkResultsFile(sheet('gb.csv', gb));

    expect(check.rows).toEqual([{ line: 2, tubeId: 'T-9', result: 'negative' }]);
    expect(check.warnings.map((w) => w.message)).toEqual(['not UTF-8: read as GB18030 (GBK), as Chinese Excel saves CSV']);
  });

  it('names each bad row by its line and keeps the good ones to send', () => {
    const check = checkResultsFile(sheet('bad.csv', '试管编号,结果\nT-1,阴性\n,阴性\nT-3,待定\nT 4,阳性\nT-5,阳性\n'));

    expect(check.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '3: column tubeId: is empty; every result names its tube',
      '4: column result: "待定" is not a result: write 阴性, 阳性 or 无效 (negative, positive, invalid)',
      '5: column tubeId: "T 4" is not a tube barcode (letters, digits and . _ : - only, at most 64)',
    ]);
    expect(check.rows!.map((r) => r.line)).toEqual([2, 6]);
  });

  it('sends a repeated row once, and the same tube with another result in the file\'s order', () => {
    const check = checkResultsFile(sheet('twice.csv', 'tubeId,result\nT-1,无效\nT-2,阴性\nT-2,negative\nT-1,阴性\n'));

    expect(check.rows).toEqual([
      { line: 2, tubeId: 'T-1', result: 'invalid' },
      { line: 3, tubeId: 'T-2', result: 'negative' },
      { line: 5, tubeId: 'T-1', result: 'negative' },
    ]);
    expect(check.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual(['4: tube T-2: the same result as on line 3; sent once']);
  });

  it('refuses a sheet without its columns, or without rows, as a whole', () => {
    const missing = checkResultsFile(sheet('nocol.csv', '编号,结果\nT-1,阴性\n'));
    expect(missing.rows).toBeUndefined();
    expect(missing.problems.map((p) => p.message)).toEqual(['missing column tubeId (the header has 编号, 结果)']);
    const empty = checkResultsFile(sheet('empty.csv', '试管编号,结果\r\n'));
    expect(empty.rows).toBeUndefined();
    expect(empty.problems.map((p) => p.message)).toEqual(['no results under the header']);
  });
});
