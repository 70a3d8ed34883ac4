import type { FirstlineClient } from '@firstline/client';
import type { RouteResponse } from '@firstline/schemas';
import { formatProblem } from './csv-read.ts';
import { errorMessage, withRetry } from './import-send.ts';
import { checkResultsFile } from './results-csv.ts';
import type { ResultRow, TestResult } from './results-csv.ts';
import { connect } from './stack-url.ts';
import type { StackUrl } from './stack-url.ts';

type ResultsRecorded = RouteResponse<'POST /v1/test-rounds/{roundId}/results'>;

export interface ResultsOptions {
  readonly file: string;
  readonly roundId: string;
  readonly stack: StackUrl;
  readonly token?: string;
  readonly dryRun: boolean;
}

/** The most results `POST /v1/test-rounds/{roundId}/results` takes at once. */
export const resultsPerRequest = 1_000;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** How many of each result, in the summary's words: `3 negative, 1 positive`. */
function byResult(rows: readonly ResultRow[]): string {
  const counts = (['negative', 'positive', 'invalid'] as const satisfies readonly TestResult[]).map((r) => [r, rows.filter((row) => row.result === r).length] as const);
  return counts.filter(([, n]) => n > 0).map(([r, n]) => `${n} ${r}`).join(', ');
}

export interface ResultsOutcome {
  readonly recorded: number;
  readonly unchanged: number;
  /** Rows naming a tube nobody was sampled with in the round, by line. */
  readonly unknown: { line: number; tubeId: string; message: string }[];
  /** Rows the stack refused as against what the sample holds (a negative turned positive), by line. */
  readonly conflicts: { line: number; tubeId: string; message: string }[];
  readonly casesOpened: ResultsRecorded['casesOpened'];
  /** Rows not sent or not answered: the stack refused a request, or gave no answer. */
  readonly failed: { line: number; message: string }[];
  readonly requests: number;
}

/**
 * Sends the rows in chunks of `perRequest`, one after another (a tube on two rows, invalid then
 * re-tested, must reach the stack in the file's order). Every row is idempotent, so a chunk is
 * retried when the stack says to try again; a chunk it refuses stops the rest (a wrong round or
 * token refuses them all alike).
 */
export async function sendResults(client: FirstlineClient, roundId: string, rows: readonly ResultRow[], perRequest = resultsPerRequest): Promise<ResultsOutcome> {
  const outcome: { -readonly [K in keyof ResultsOutcome]: ResultsOutcome[K] } = { recorded: 0, unchanged: 0, unknown: [], conflicts: [], casesOpened: [], failed: [], requests: 0 };
  for (let start = 0; start < rows.length; start += perRequest) {
    const chunk = rows.slice(start, start + perRequest);
    const body = { results: chunk.map((r) => ({ tubeId: r.tubeId, result: r.result })) };
    let res: { status: number; body: unknown };
    try {
      res = await withRetry(() => client.call('POST /v1/test-rounds/{roundId}/results', { params: { roundId }, body }));
    } catch (error) {
      outcome.failed.push(...rows.slice(start).map((r) => ({ line: r.line, message: `not sent: no answer from the stack: ${(error as Error).message}` })));
      break;
    }
    outcome.requests++;
    if (res.status !== 200) {
      const why = res.status === 404 ? `no test round ${roundId} (404)`
        : res.status === 403 ? `the token may not act on round ${roundId}'s grids (403): ${errorMessage(res.body)}`
          : `the stack answered ${res.status}: ${errorMessage(res.body)}`;
      outcome.failed.push(...rows.slice(start).map((r) => ({ line: r.line, message: `not sent: ${why}` })));
      break;
    }
    const answer = res.body as ResultsRecorded;
    outcome.recorded += answer.recorded;
    outcome.unchanged += answer.unchanged;
    for (const u of answer.unknown) outcome.unknown.push({ line: chunk[u.index]!.line, tubeId: chunk[u.index]!.tubeId, message: u.message });
    for (const c of answer.conflicts) outcome.conflicts.push({ line: chunk[c.index]!.line, tubeId: chunk[c.index]!.tubeId, message: c.message });
    outcome.casesOpened.push(...answer.casesOpened);
  }
  return outcome;
}

/** Tubes with their lines, a few then how many more: the stderr lines name every one. */
function tubesWithLines(rows: readonly { line: number; tubeId: string }[], shown = 10): string {
  const list = rows.slice(0, shown).map((r) => `${r.tubeId} (line ${r.line})`).join(', ');
  return rows.length > shown ? `${list} and ${rows.length - shown} more` : list;
}

/**
 * Checks a lab's results sheet, then either describes it (dry run) or sends its good rows to the
 * round, naming every bad, unknown or conflicting row by its line. Resolves false when any row was
 * not taken as the file says (bad, unknown, conflicting, or not sent), so a script notices.
 */
export async function runResults(options: ResultsOptions): Promise<boolean> {
  const { file, rows, problems, warnings, rowCount } = checkResultsFile(options.file);
  for (const w of warnings) console.error(`warning: ${formatProblem(w)}`);
  for (const p of problems) console.error(formatProblem(p));
  if (!rows) {
    console.error(`${plural(problems.length, 'problem', 'problems')} in ${options.file}; nothing was sent`);
    return false;
  }
  const bad = new Set(problems.filter((p) => p.line > 0).map((p) => p.line)).size;
  const repeated = rowCount - bad - rows.length;
  const notes = (would: boolean) => `${repeated > 0 ? `; ${plural(repeated, 'repeated row', 'repeated rows')} ${would ? 'would be ' : ''}sent once` : ''}`
    + `${bad > 0 ? `; ${plural(bad, 'bad row', 'bad rows')} ${would ? 'would not be' : 'not'} sent` : ''}`;
  const badNote = notes(false);
  if (rows.length === 0) {
    console.error(`no row of ${options.file} can be sent${badNote}; nothing was sent`);
    return false;
  }
  if (options.dryRun) {
    console.log(`dry run: ${options.file}: would send ${plural(rows.length, 'result', 'results')} (${byResult(rows)}) to round ${options.roundId}${notes(true)}`);
    console.log('nothing was sent');
    return bad === 0;
  }
  const client = connect(options.stack, options.token);
  const outcome = await sendResults(client, options.roundId, rows);
  for (const u of outcome.unknown) console.error(`${file}:${u.line}: unknown tube: ${u.message}`);
  for (const c of outcome.conflicts) console.error(`${file}:${c.line}: tube ${c.tubeId}: ${c.message}; a negative is not turned positive (or back) by a file: that is a new round or a case`);
  for (const f of outcome.failed) console.error(`${file}:${f.line}: ${f.message}`);
  const sent = rows.length - outcome.failed.length;
  console.log(`sent ${plural(sent, 'result', 'results')} of ${options.file} to round ${options.roundId} at ${client.baseUrl} (${plural(outcome.requests, 'request', 'requests')})`);
  console.log(`  results: ${outcome.recorded} recorded, ${outcome.unchanged} unchanged, ${plural(outcome.unknown.length, 'unknown tube', 'unknown tubes')}, ${plural(outcome.conflicts.length, 'conflict', 'conflicts')}`
    + `, ${outcome.failed.length} not sent${badNote} (of ${plural(rowCount, 'row', 'rows')})`);
  if (outcome.unknown.length > 0) console.log(`  unknown tubes (nobody was sampled with them in round ${options.roundId}): ${tubesWithLines(outcome.unknown)}`);
  if (outcome.conflicts.length > 0) console.log(`  conflicts (the sample holds another result): ${tubesWithLines(outcome.conflicts)}`);
  if (outcome.casesOpened.length === 0) console.log('  cases opened: none');
  else {
    console.log(`  cases opened: ${outcome.casesOpened.length} (each positive is a suspected case in central isolation; its code is red now)`);
    for (const c of outcome.casesOpened) console.log(`    case ${c.caseId}: person ${c.personId}`);
  }
  // The stack answers a repeat as unchanged and opens no second case, so sending the same file again is safe; the summary says so.
  if (outcome.unchanged > 0 && outcome.recorded === 0) console.log('  every result sent was recorded before: sending the same file again changes nothing');
  return bad === 0 && outcome.unknown.length === 0 && outcome.conflicts.length === 0 && outcome.failed.length === 0;
}
