import { statSync } from 'node:fs';
import { claimsOf } from './args.ts';
import { formatProblem } from './csv-read.ts';
import type { CsvProblem } from './csv-read.ts';
import { checkImportFolder } from './import-csv.ts';
import type { ImportPlan } from './import-csv.ts';
import { sendImport, sendNeeds } from './import-send.ts';
import { checkNeedsFile } from './needs-csv.ts';
import type { NeedsRow } from './needs-csv.ts';
import { connect } from './stack-url.ts';
import type { StackUrl } from './stack-url.ts';

export interface ImportOptions {
  readonly dir: string;
  readonly stack: StackUrl;
  readonly token?: string;
  readonly dryRun: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function hierarchy(counts: Record<'streets' | 'communities' | 'grids' | 'buildings' | 'checkpoints', number>): string {
  return [
    plural(counts.streets, 'street', 'streets'), plural(counts.communities, 'community', 'communities'),
    plural(counts.grids, 'grid', 'grids'), plural(counts.buildings, 'building', 'buildings'),
    plural(counts.checkpoints, 'checkpoint', 'checkpoints'),
  ].join(', ');
}

const planCounts = (plan: ImportPlan) => ({
  streets: plan.registry.streets.length, communities: plan.registry.communities.length, grids: plan.registry.grids.length,
  buildings: plan.registry.buildings.length, checkpoints: plan.registry.checkpoints.length,
});

/**
 * A wrong token is caught before anything is sent, with the district file's line: the stack would
 * refuse the whole upload anyway, but only after the operator waited for it.
 */
function tokenProblems(token: string | undefined, plan: ImportPlan): CsvProblem[] {
  const claims = token ? claimsOf(token) : undefined;
  if (!claims) return [];
  const problems: CsvProblem[] = [];
  if (claims.district && claims.district !== plan.registry.district.id) {
    problems.push({ file: 'district.csv', line: plan.districtLine, message: `column id: district ${JSON.stringify(plan.registry.district.id)}, but the token is for district ${JSON.stringify(claims.district)}` });
  }
  if (claims.role && claims.role !== 'admin') problems.push({ file: '--token', line: 0, message: `the token's role is ${claims.role}; importing a registry needs an admin token` });
  return problems;
}

/** Checks the folder, then either describes the import (dry run) or sends it. Resolves false when anything failed. */
export async function runImport(options: ImportOptions): Promise<boolean> {
  if (!statSync(options.dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${options.dir} is not a folder`);
  const { plan, problems, warnings } = checkImportFolder(options.dir);
  for (const w of warnings) console.error(`warning: ${formatProblem(w)}`);
  if (plan) problems.push(...tokenProblems(options.token, plan));
  if (problems.length > 0 || !plan) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`${plural(problems.length, 'problem', 'problems')} in ${options.dir}; nothing was sent`);
    return false;
  }
  const { district } = plan.registry;
  const households = new Set(plan.residents.map((r) => r.body.householdId)).size;
  const where = `district ${district.id} (${JSON.stringify(district.name)}${district.timeZone ? `, ${district.timeZone}` : ''})`;
  if (options.dryRun) {
    console.log(`dry run: ${options.dir} is valid for ${where}`);
    console.log(`  registry: would upsert ${hierarchy(planCounts(plan))}`);
    console.log(`  residents: would register ${plural(plan.residents.length, 'resident', 'residents')} in ${plural(households, 'household', 'households')}`);
    // API.md has no route that reads the registry or lists residents back, so a dry run cannot
    // tell new rows from unchanged ones; it says so rather than guess.
    console.log('  the API cannot read the registry back, so these are the rows to upsert, not a diff: ids already stored take the file\'s');
    console.log('  name and parent, ids not in the files are kept, residents already registered with the same details stay unchanged');
    console.log('nothing was sent');
    return true;
  }
  const admin = connect(options.stack, options.token);
  const outcome = await sendImport(admin, plan);
  for (const f of outcome.failures) console.error(`residents.csv:${f.line}: ${f.message}`);
  console.log(`imported ${options.dir} into ${where} at ${admin.baseUrl}`);
  console.log(`  registry: upserted ${hierarchy(planCounts(plan))}; the district now has ${hierarchy(outcome.counts)}`);
  const failed = outcome.failures.length - outcome.conflicts;
  // The API answers a repeat registration exactly like the first one, so the two are counted together.
  console.log(`  residents: ${outcome.registered} created or unchanged, ${outcome.conflicts} conflicting, ${failed} failed (of ${plan.residents.length})`);
  return outcome.failures.length === 0;
}

export interface NeedsImportOptions {
  readonly file: string;
  readonly stack: StackUrl;
  readonly token?: string;
  readonly dryRun: boolean;
}

/** What a register holds, in the words of its summary lines. */
function needsContents(rows: readonly NeedsRow[]): string {
  const buildings = new Set(rows.map((r) => r.body.buildingId)).size;
  const sessions = rows.filter((r) => r.body.dialysis).length;
  const dueDates = rows.filter((r) => r.body.dueDate).length;
  const cleared = rows.filter((r) => r.body.needs.length === 0).length;
  const extras = [
    sessions > 0 ? `${sessions} with dialysis sessions` : '', dueDates > 0 ? `${dueDates} with a due date` : '', cleared > 0 ? `${cleared} cleared (无)` : '',
  ].filter(Boolean);
  return `${plural(rows.length, 'household', 'households')} in ${plural(buildings, 'building', 'buildings')}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

/**
 * Checks a vulnerable-household register, then either describes it (dry run) or records each
 * household's needs. Resolves false when anything failed.
 */
export async function runNeedsImport(options: NeedsImportOptions): Promise<boolean> {
  const { file, rows, problems, warnings } = checkNeedsFile(options.file);
  for (const w of warnings) console.error(`warning: ${formatProblem(w)}`);
  if (problems.length > 0 || !rows) {
    for (const p of problems) console.error(formatProblem(p));
    console.error(`${plural(problems.length, 'problem', 'problems')} in ${options.file}; nothing was sent`);
    return false;
  }
  if (options.dryRun) {
    console.log(`dry run: ${options.file} is valid: would record the needs of ${needsContents(rows)}`);
    console.log('nothing was sent');
    return true;
  }
  const client = connect(options.stack, options.token);
  const outcome = await sendNeeds(client, rows);
  for (const f of outcome.failures) console.error(`${file}:${f.line}: ${f.message}`);
  const { medical, hardship, normal } = outcome.recorded;
  const recorded = medical + hardship + normal;
  console.log(`imported ${options.file} at ${client.baseUrl}: the needs of ${needsContents(rows)}`);
  console.log(`  needs: ${recorded} recorded (${medical} medical, ${hardship} hardship, ${normal} normal priority), ${outcome.failures.length} failed (of ${rows.length})`);
  // The API answers a repeat exactly like the first time, so the summary cannot tell them apart; it says what a repeat does.
  console.log('  each household\'s needs are replaced by the file\'s: importing the same file again changes nothing');
  return outcome.failures.length === 0;
}
