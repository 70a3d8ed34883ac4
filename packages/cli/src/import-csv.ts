import { registerResidentBody, registryDocument } from '@firstline/schemas';
import type { RegisterResidentBody, RegistryDocument } from '@firstline/schemas';
import type { CsvProblem, CsvRow, CsvTable } from './csv-read.ts';
import { readCsv } from './csv-read.ts';

/** What a folder of CSV files asks for, once every row has passed. */
export interface ImportPlan {
  readonly registry: RegistryDocument;
  /** The district row's line, for messages about the district as a whole. */
  readonly districtLine: number;
  /** Residents with the line each came from, so an answer from the stack can name its row. */
  readonly residents: readonly { line: number; body: RegisterResidentBody }[];
}

export interface ImportCheck {
  readonly plan?: ImportPlan;
  readonly problems: CsvProblem[];
  readonly warnings: CsvProblem[];
}

type Level = 'streets' | 'communities' | 'grids' | 'buildings' | 'checkpoints';

/** The hierarchy files in parent-first order, with the column that names each one's parent. */
const levels: readonly { level: Level; file: string; parent?: { column: string; level: Level; noun: string } }[] = [
  { level: 'streets', file: 'streets.csv' },
  { level: 'communities', file: 'communities.csv', parent: { column: 'streetId', level: 'streets', noun: 'street' } },
  { level: 'grids', file: 'grids.csv', parent: { column: 'communityId', level: 'communities', noun: 'community' } },
  { level: 'buildings', file: 'buildings.csv', parent: { column: 'gridId', level: 'grids', noun: 'grid' } },
  { level: 'checkpoints', file: 'checkpoints.csv', parent: { column: 'gridId', level: 'grids', noun: 'grid' } },
];

/** Columns that hold personal data: a message about them never repeats the value into a terminal or log. */
const personal = new Set(['idNumber', 'name', 'phone']);

const rowSchemas = {
  district: registryDocument.shape.district,
  streets: registryDocument.shape.streets.unwrap().element,
  communities: registryDocument.shape.communities.unwrap().element,
  grids: registryDocument.shape.grids.unwrap().element,
  buildings: registryDocument.shape.buildings.unwrap().element,
  checkpoints: registryDocument.shape.checkpoints.unwrap().element,
};

/**
 * Checks one row against the API's own schema and turns zod's issues into `column X: ...`
 * messages; returns the parsed row only when it passed.
 */
export function checkRow<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[] } } },
  file: string,
  row: CsvRow,
  input: Record<string, string | undefined>,
  problems: CsvProblem[],
  personalColumns: ReadonlySet<string> = new Set(),
): T | undefined {
  const result = schema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  if (result.success) return result.data;
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const column = String(issue.path[0] ?? '');
    if (seen.has(column)) continue;
    seen.add(column);
    const value = input[column] ?? '';
    const message = value === '' ? 'is empty' : personalColumns.has(column) ? issue.message : `${issue.message} (got ${JSON.stringify(value)})`;
    problems.push({ file, line: row.line, message: `column ${column}: ${message}` });
  }
  return undefined;
}

/**
 * Reads and checks a grid office's export: every file, every row, every reference, reporting all
 * problems at once so a spreadsheet is fixed in one pass rather than one error per run.
 */
export function checkImportFolder(dir: string): ImportCheck {
  const problems: CsvProblem[] = [];
  const warnings: CsvProblem[] = [];
  const read = (file: string, required: readonly string[], optional: readonly string[] = []): CsvTable | undefined => {
    const out = readCsv(dir, file, { required, optional });
    problems.push(...out.problems);
    warnings.push(...out.warnings);
    return out.table;
  };

  let district: RegistryDocument['district'] | undefined;
  let districtLine = 2;
  const districtTable = read('district.csv', ['id', 'name'], ['timeZone']);
  if (districtTable) {
    const [first, ...more] = districtTable.rows;
    if (!first) problems.push({ file: 'district.csv', line: 0, message: 'needs one row under the header: the district' });
    for (const extra of more) problems.push({ file: 'district.csv', line: extra.line, message: 'only one district per import; this row is a second one' });
    if (first) {
      districtLine = first.line;
      const { id, name, timeZone } = first.values;
      district = checkRow(rowSchemas.district, 'district.csv', first, { id, name, timeZone: timeZone || undefined }, problems);
    }
  }

  const nodes: Record<Level, { id: string; name: string; [parent: string]: string }[]> = { streets: [], communities: [], grids: [], buildings: [], checkpoints: [] };
  const firstLine: Record<Level, Map<string, number>> = { streets: new Map(), communities: new Map(), grids: new Map(), buildings: new Map(), checkpoints: new Map() };
  const unreadable = new Set<Level>();
  for (const { level, file, parent } of levels) {
    const table = read(file, parent ? ['id', 'name', parent.column] : ['id', 'name']);
    if (!table) {
      unreadable.add(level);
      continue;
    }
    for (const row of table.rows) {
      const input = { id: row.values['id'], name: row.values['name'], ...(parent ? { [parent.column]: row.values[parent.column] } : {}) };
      const node = checkRow<{ id: string; name: string }>(rowSchemas[level], file, row, input, problems);
      const id = row.values['id'] ?? '';
      const earlier = firstLine[level].get(id);
      if (id !== '' && earlier !== undefined) problems.push({ file, line: row.line, message: `column id: duplicate id ${JSON.stringify(id)} (first on line ${earlier})` });
      else if (id !== '') firstLine[level].set(id, row.line);
      if (parent && !unreadable.has(parent.level)) {
        const parentId = row.values[parent.column] ?? '';
        if (parentId !== '' && !firstLine[parent.level].has(parentId)) {
          problems.push({ file, line: row.line, message: `column ${parent.column}: unknown ${parent.noun} ${JSON.stringify(parentId)}` });
        }
      }
      if (node && earlier === undefined) nodes[level].push(node as (typeof nodes)[Level][number]);
    }
  }

  const residents: { line: number; body: RegisterResidentBody }[] = [];
  const residentTable = readCsv(dir, 'residents.csv', { required: ['idNumber', 'name', 'phone', 'buildingId', 'householdId'] });
  const noResidentsFile = residentTable.problems.length === 1 && residentTable.problems[0]!.line === 0 && residentTable.problems[0]!.message === 'file not found';
  if (!noResidentsFile) {
    problems.push(...residentTable.problems);
    warnings.push(...residentTable.warnings);
  }
  if (residentTable.table) {
    const people = new Map<string, number>();
    const households = new Map<string, { buildingId: string; line: number }>();
    for (const row of residentTable.table.rows) {
      const { idNumber, name, phone, buildingId, householdId } = row.values;
      const body = checkRow(registerResidentBody, 'residents.csv', row, { idNumber, name, phone, buildingId, householdId }, problems, personal);
      // The stack keys a person by the upper-cased ID number, so `x` and `X` are the same person.
      const person = (idNumber ?? '').trim().toUpperCase();
      const earlier = people.get(person);
      if (person !== '' && earlier !== undefined) problems.push({ file: 'residents.csv', line: row.line, message: `column idNumber: the same person as on line ${earlier}` });
      else if (person !== '') people.set(person, row.line);
      if (buildingId && !unreadable.has('buildings') && !firstLine.buildings.has(buildingId)) {
        problems.push({ file: 'residents.csv', line: row.line, message: `column buildingId: unknown building ${JSON.stringify(buildingId)}` });
      }
      const household = householdId ? households.get(householdId) : undefined;
      if (household && buildingId && household.buildingId !== buildingId) {
        problems.push({ file: 'residents.csv', line: row.line, message: `column householdId: household ${JSON.stringify(householdId)} is in building ${JSON.stringify(household.buildingId)} on line ${household.line}, not ${JSON.stringify(buildingId)}` });
      } else if (householdId && buildingId && !household) households.set(householdId, { buildingId, line: row.line });
      if (body && earlier === undefined) residents.push({ line: row.line, body });
    }
  }

  problems.sort((a, b) => fileOrder(a.file) - fileOrder(b.file) || a.line - b.line);
  if (problems.length > 0 || !district) return { problems, warnings };
  const registry: RegistryDocument = { district, ...(nodes as unknown as Omit<RegistryDocument, 'district'>) };
  // The API's own limits (array sizes) apply to the whole document, not to a row.
  const whole = registryDocument.safeParse(registry);
  if (!whole.success) {
    for (const issue of whole.error.issues) {
      const level = String(issue.path[0] ?? '');
      problems.push({ file: levels.find((l) => l.level === level)?.file ?? 'district.csv', line: 0, message: issue.message });
    }
    return { problems, warnings };
  }
  return { plan: { registry: whole.data, districtLine, residents }, problems, warnings };
}

const order = ['district.csv', ...levels.map((l) => l.file), 'residents.csv'];
const fileOrder = (file: string) => order.indexOf(file);
