import { basename, dirname } from 'node:path';
import { householdNeedsBody, householdParams } from '@firstline/schemas';
import type { CsvProblem, CsvRow } from './csv-read.ts';
import { readCsv } from './csv-read.ts';
import { checkRow } from './import-csv.ts';
import type { Parsed } from './needs-values.ts';
import { parseDay, parseNeeds, parseTime, parseWeekdays } from './needs-values.ts';

/** The body of `PUT /v1/households/{householdId}/needs` (the schemas export no name for it). */
export type HouseholdNeedsBody = ReturnType<typeof householdNeedsBody.parse>;

/** One household of the register, with the line it came from so an answer from the stack can name its row. */
export interface NeedsRow {
  readonly line: number;
  readonly householdId: string;
  readonly body: HouseholdNeedsBody;
}

export interface NeedsCheck {
  readonly file: string;
  readonly rows?: readonly NeedsRow[];
  readonly problems: CsvProblem[];
  readonly warnings: CsvProblem[];
}

export const needsColumns = { required: ['householdId', 'buildingId', 'needs'], optional: ['dueDate', 'dialysisDays', 'dialysisTime'] } as const;

const buildingSchema = householdNeedsBody.pick({ buildingId: true });

/** The register's columns for a path of the API's body, so the stack's own last check names a column too. */
const columnOf = (path: readonly PropertyKey[]) => (path[0] === 'dialysis' ? (path[1] === 'time' ? 'dialysisTime' : 'dialysisDays') : String(path[0] ?? 'needs'));

/** One row's cells as the API's body, or undefined with its problems added (all of them, not the first). */
function checkNeedsRow(file: string, row: CsvRow, problems: CsvProblem[]): NeedsRow | undefined {
  const before = problems.length;
  const problem = (column: string, message: string) => problems.push({ file, line: row.line, message: `column ${column}: ${message}` });
  const cell = (column: string) => row.values[column] ?? '';
  const parsed = <T>(column: string, result: Parsed<T>): T | undefined => {
    if ('error' in result) problem(column, result.error);
    return 'value' in result ? result.value : undefined;
  };

  const household = checkRow<{ householdId: string }>(householdParams, file, row, { householdId: cell('householdId') }, problems);
  const building = checkRow<{ buildingId: string }>(buildingSchema, file, row, { buildingId: cell('buildingId') }, problems);
  const needs = parsed('needs', parseNeeds(cell('needs')));
  const dueDate = cell('dueDate') === '' ? undefined : parsed('dueDate', parseDay(cell('dueDate')));
  if (needs && cell('dueDate') !== '' && !needs.includes('pregnancy')) problem('dueDate', 'a due date goes with the need pregnancy (孕产妇)');
  const dialysis = checkSessions(cell('dialysisDays'), cell('dialysisTime'), problem);
  if (needs && dialysis !== 'none' && !needs.includes('dialysis')) problem(cell('dialysisDays') !== '' ? 'dialysisDays' : 'dialysisTime', 'sessions go with the need dialysis (透析)');
  if (problems.length > before || !household || !building || !needs || dialysis === 'wrong') return undefined;

  const body = { buildingId: building.buildingId, needs, ...(dueDate ? { dueDate } : {}), ...(dialysis !== 'none' ? { dialysis } : {}) };
  const whole = householdNeedsBody.safeParse(body);
  if (!whole.success) {
    for (const issue of whole.error.issues) problem(columnOf(issue.path), issue.message);
    return undefined;
  }
  return { line: row.line, householdId: household.householdId, body: whole.data };
}

/** The dialysis sessions of a row: both columns or neither. */
function checkSessions(daysCell: string, timeCell: string, problem: (column: string, message: string) => void): { weekdays: number[]; time: string } | 'none' | 'wrong' {
  if (daysCell === '' && timeCell === '') return 'none';
  if (daysCell === '') problem('dialysisDays', 'is empty; a dialysis time needs its weekdays');
  if (timeCell === '') problem('dialysisTime', 'is empty; dialysis weekdays need the time of the session');
  if (daysCell === '' || timeCell === '') return 'wrong';
  const weekdays = parseWeekdays(daysCell);
  const time = parseTime(timeCell);
  if ('error' in weekdays) problem('dialysisDays', weekdays.error);
  if ('error' in time) problem('dialysisTime', time.error);
  return 'value' in weekdays && 'value' in time ? { weekdays: weekdays.value, time: time.value } : 'wrong';
}

/**
 * Reads and checks a vulnerable-household register (one row a household), reporting every
 * problem at once. A household on two rows is refused: each row replaces the household's needs,
 * so the second would silently undo the first.
 */
export function checkNeedsFile(path: string): NeedsCheck {
  const file = basename(path);
  const { table, problems, warnings } = readCsv(dirname(path), file, needsColumns);
  if (!table) return { file, problems, warnings };
  const rows: NeedsRow[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const checked = checkNeedsRow(file, row, problems);
    const householdId = row.values['householdId'] ?? '';
    const earlier = firstLine.get(householdId);
    if (householdId !== '' && earlier !== undefined) {
      problems.push({ file, line: row.line, message: `column householdId: the same household as on line ${earlier}; a household has one row with all its needs` });
    } else if (householdId !== '') firstLine.set(householdId, row.line);
    if (checked && earlier === undefined) rows.push(checked);
  }
  if (table.rows.length === 0) problems.push({ file, line: 0, message: 'no households under the header' });
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { file, problems, warnings } : { file, rows, problems, warnings };
}
