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

/** Decodes what a spreadsheet saved: UTF-8 with or without a BOM, or UTF-16 ("Unicode text"). */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // fatal: a GBK or Latin-1 export would otherwise import as replacement characters in every name.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
}

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
 * case and surrounding spaces; values are trimmed; blank lines are skipped. Columns the import
 * does not use are reported as warnings, missing ones as problems (and no rows are returned).
 */
export function readCsv(
  dir: string,
  file: string,
  columns: { required: readonly string[]; optional?: readonly string[] },
): { table?: CsvTable; problems: CsvProblem[]; warnings: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const warnings: CsvProblem[] = [];
  let text: string;
  try {
    text = decode(readFileSync(join(dir, file)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found'
      : code === 'ERR_ENCODING_INVALID_ENCODED_DATA' ? 'not UTF-8 text; save the sheet as "CSV UTF-8"' : (error as Error).message;
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
    const column = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!column) warnings.push({ file, line: headerLine, message: `column ${JSON.stringify(name)} is not used by the import; ignored` });
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
