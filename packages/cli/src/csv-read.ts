import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';

/** One data row: its 1-based line in the file (the header is line 1) and its values by column. */
export interface CsvRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly file: string;
  readonly rows: CsvRow[];
}

/** A problem to show as `file:line: message`; line 0 means the file as a whole. */
export interface CsvProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export const formatProblem = (p: CsvProblem) => (p.line > 0 ? `${p.file}:${p.line}: ${p.message}` : `${p.file}: ${p.message}`);

/**
 * Decodes what a spreadsheet saved: UTF-8 with or without a BOM, UTF-16 ("Unicode text"), or, when
 * it is not UTF-8, GB18030 (a superset of GBK): what Chinese Excel and WPS save as "CSV (逗号分隔)".
 * Says which, so the import can tell the user a file was read as GB18030.
 */
function decode(bytes: Buffer): { text: string; encoding: 'utf-8' | 'utf-16' | 'gb18030' } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // fatal: bytes that are not GB18030 either are refused rather than imported as replacement characters.
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * The Chinese column headers a grid office's sheet may use for each column the import reads
 * (Chinese Excel exports, and the headers our own Chinese CSV exports use), beside the English names.
 */
const chineseHeaders: Readonly<Record<string, readonly string[]>> = {
  id: ['编号', '编码', '代码'],
  name: ['名称', '姓名'],
  timeZone: ['时区'],
  streetId: ['街道编号', '所属街道'],
  communityId: ['社区编号', '所属社区'],
  gridId: ['网格编号', '所属网格'],
  buildingId: ['楼栋编号', '楼栋'],
  householdId: ['户号', '户编号'],
  idNumber: ['身份证号', '身份证号码', '证件号码'],
  phone: ['手机号', '手机号码', '联系电话', '电话'],
  needs: ['需求', '需求类别'],
  dueDate: ['预产期'],
  dialysisDays: ['透析日'],
  dialysisTime: ['透析时间'],
  // A lab's results sheet: the tube's barcode and what the lab found.
  tubeId: ['试管编号', '试管号', '试管条码', '管号', '采样管编号', '采样管号', '样本条码', '条码', '条码号', 'tube', 'tube id', 'tube_id', 'barcode'],
  result: ['结果', '检测结果', '核酸结果', '抗原结果', 'test result'],
};

const names = (column: string, header: string) => column.toLowerCase() === header.toLowerCase()
  || (chineseHeaders[column] ?? []).some((alias) => alias.toLowerCase() === header.toLowerCase());

/**
 * Where the quote that is never closed opens. The parser can only say where the file ended, which
 * for a sheet of thousands of rows is no help in finding the stray quote.
 */
function unclosedQuoteLine(text: string): number {
  let open = false;
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (open && text[i + 1] === '"') {
      i++;
      continue;
    }
    open = !open;
    if (open) openedAt = i;
  }
  return text.slice(0, openedAt).split('\n').length;
}

/**
 * Reads `file` from `dir` as a table with the named columns. Header names are matched ignoring
 * case and surrounding spaces, in English or in Chinese (`chineseHeaders`); values are trimmed; blank lines are skipped. Columns the import
 * does not use are reported as warnings, missing ones as problems (and no rows are returned).
 */
export function readCsv(
  dir: string,
  file: string,
  columns: { required: readonly string[]; optional?: readonly string[]; user?: string },
): { table?: CsvTable; problems: CsvProblem[]; warnings: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const warnings: CsvProblem[] = [];
  let text: string;
  try {
    const decoded = decode(readFileSync(join(dir, file)));
    text = decoded.text;
    if (decoded.encoding === 'gb18030') warnings.push({ file, line: 0, message: 'not UTF-8: read as GB18030 (GBK), as Chinese Excel saves CSV' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found'
      : code === 'ERR_ENCODING_INVALID_ENCODED_DATA' ? 'neither UTF-8 nor GB18030 text; save the sheet as "CSV UTF-8"' : (error as Error).message;
    return { problems: [{ file, line: 0, message }], warnings };
  }
  // csv-parse miscounts lines when a quoted field holds a CRLF, so every line ending becomes LF
  // first; a line break inside a quoted value reads the same either way.
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const found = error as CsvError & { lines?: number };
    if (found.code === 'CSV_QUOTE_NOT_CLOSED') {
      return { problems: [{ file, line: unclosedQuoteLine(text), message: 'a quoted value starts in this row and is never closed' }], warnings };
    }
    return { problems: [{ file, line: Number(found.lines ?? 0), message: `cannot read the CSV: ${found.message.replace(/^[^:]*:\s*/, '')}` }], warnings };
  }
  const startLine = (r: (typeof records)[number]) => r.info.lines - r.record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);
  const [header, ...data] = records;
  if (!header) return { problems: [{ file, line: 0, message: 'the file is empty; it needs a header row' }], warnings };
  const headerLine = startLine(header);

  const known = [...columns.required, ...(columns.optional ?? [])];
  const positions = new Map<string, number>();
  header.record.forEach((raw, index) => {
    const name = raw.trim();
    const column = known.find((k) => names(k, name));
    if (!column) warnings.push({ file, line: headerLine, message: `column ${JSON.stringify(name)} is not used by ${columns.user ?? 'the import'}; ignored` });
    else if (positions.has(column)) problems.push({ file, line: headerLine, message: `column ${column} appears twice` });
    else positions.set(column, index);
  });
  for (const column of columns.required) {
    if (!positions.has(column)) problems.push({ file, line: headerLine, message: `missing column ${column} (the header has ${header.record.map((h) => h.trim()).join(', ') || 'no names'})` });
  }
  if (problems.length > 0) return { problems, warnings };

  const rows: CsvRow[] = [];
  for (const record of data) {
    const line = startLine(record);
    if (record.record.every((v) => v.trim() === '')) continue;
    if (record.record.length > header.record.length && record.record.slice(header.record.length).some((v) => v.trim() !== '')) {
      problems.push({ file, line, message: `${record.record.length} fields but the header has ${header.record.length}; is a value with a comma missing its quotes?` });
      continue;
    }
    const values: Record<string, string> = {};
    for (const [column, index] of positions) values[column] = (record.record[index] ?? '').trim();
    rows.push({ line, values });
  }
  return { table: { file, rows }, problems, warnings };
}
