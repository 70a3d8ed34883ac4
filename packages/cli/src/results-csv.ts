import { basename, dirname } from 'node:path';
import { id, testResult } from '@firstline/schemas';
import type { CsvProblem } from './csv-read.ts';
import { readCsv } from './csv-read.ts';
import type { Parsed } from './needs-values.ts';

export type TestResult = ReturnType<typeof testResult.parse>;

/** One tube's result as the lab's sheet gives it, with its line so an answer from the stack can name its row. */
export interface ResultRow {
  readonly line: number;
  readonly tubeId: string;
  readonly result: TestResult;
}

export interface ResultsCheck {
  readonly file: string;
  /** The rows to send, in the file's order; absent when the file as a whole cannot be read (no header, a column missing). */
  readonly rows?: readonly ResultRow[];
  /** Rows that are not sent (a tube or result that cannot be read), each by line. */
  readonly problems: CsvProblem[];
  readonly warnings: CsvProblem[];
  /** Data rows under the header, good and bad (a repeated row included). */
  readonly rowCount: number;
}

export const resultsColumns = { required: ['tubeId', 'result'], user: 'firstline results' } as const;

/** How a lab writes each result: the Chinese words, the API's English ones, and 阴性(-) / 阳性(+) as some lab systems print them. */
const resultWords: Readonly<Record<string, TestResult>> = {
  阴性: 'negative', 阳性: 'positive', 无效: 'invalid',
  negative: 'negative', positive: 'positive', invalid: 'invalid',
};

/** A result cell: 阴性/negative, 阳性/positive or 无效/invalid, in any case, a sign in brackets after the Chinese word allowed. */
export function parseResult(cell: string): Parsed<TestResult> {
  const text = cell.trim();
  if (text === '') return { error: 'is empty; write 阴性, 阳性 or 无效 (negative, positive, invalid)' };
  const signed = /^(阴性|阳性)\s*[(（]\s*([-+－＋])\s*[)）]$/.exec(text);
  if (signed) {
    const word = signed[1] === '阴性' ? 'negative' : 'positive';
    const sign = signed[2] === '-' || signed[2] === '－' ? 'negative' : 'positive';
    if (word !== sign) return { error: `${JSON.stringify(text)} says ${signed[1]} with the sign of the other result` };
    return { value: word };
  }
  const result = resultWords[text.toLowerCase()];
  return result ? { value: result } : { error: `${JSON.stringify(text)} is not a result: write 阴性, 阳性 or 无效 (negative, positive, invalid)` };
}

/** A tube barcode the API takes (its id shape): letters, digits and . _ : -, at most 64. */
export function parseTube(cell: string): Parsed<string> {
  const text = cell.trim();
  if (text === '') return { error: 'is empty; every result names its tube' };
  const checked = id.safeParse(text);
  return checked.success ? { value: checked.data } : { error: `${JSON.stringify(text)} is not a tube barcode (letters, digits and . _ : - only, at most 64)` };
}

/**
 * Reads and checks a lab's results sheet: one row a tube, with its barcode and its result, as
 * UTF-8 (with or without a BOM), UTF-16 or GB18030, CRLF or LF, headers in Chinese or English.
 * Unlike a register, a bad row does not hold the others back: a lab's results are sent as they come,
 * and every bad row is named by its line for the lab to fix and send again. The same tube with the
 * same result twice is sent once (a warning names both lines); the same tube with another result
 * is sent in the file's order, for the stack to take (an invalid sample re-tested) or refuse.
 */
export function checkResultsFile(path: string): ResultsCheck {
  const file = basename(path);
  const { table, problems, warnings } = readCsv(dirname(path), file, resultsColumns);
  if (!table) return { file, problems, warnings, rowCount: 0 };
  if (table.rows.length === 0) return { file, problems: [...problems, { file, line: 0, message: 'no results under the header' }], warnings, rowCount: 0 };
  const rows: ResultRow[] = [];
  const sent = new Map<string, number>();
  for (const row of table.rows) {
    const tube = parseTube(row.values['tubeId'] ?? '');
    const result = parseResult(row.values['result'] ?? '');
    if ('error' in tube) problems.push({ file, line: row.line, message: `column tubeId: ${tube.error}` });
    if ('error' in result) problems.push({ file, line: row.line, message: `column result: ${result.error}` });
    if (!('value' in tube) || !('value' in result)) continue;
    const key = `${tube.value}\n${result.value}`;
    const earlier = sent.get(key);
    if (earlier !== undefined) {
      warnings.push({ file, line: row.line, message: `tube ${tube.value}: the same result as on line ${earlier}; sent once` });
      continue;
    }
    sent.set(key, row.line);
    rows.push({ line: row.line, tubeId: tube.value, result: result.value });
  }
  return { file, rows, problems, warnings, rowCount: table.rows.length };
}
