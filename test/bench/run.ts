import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Table } from './bench-support.ts';
import { printTable } from './bench-support.ts';
import { dispatchBenchmark } from './dispatch.bench.ts';
import { reportsBenchmark } from './reports.bench.ts';
import { scansBenchmark } from './scans.bench.ts';

/**
 * `pnpm bench`: runs every benchmark, each in its own process (handlers keep their container's
 * clients, so one in-process stack per process), prints the tables and writes them to
 * `bench-results.md`. `pnpm bench scans` runs one section in this process.
 */
const sections: Record<string, (rows: Table) => Promise<void>> = {
  scans: scansBenchmark,
  dispatch: dispatchBenchmark,
  reports: reportsBenchmark,
};

const [only] = process.argv.slice(2);
if (only) {
  const run = sections[only];
  if (!run) throw new Error(`no benchmark ${only}; there are: ${Object.keys(sections).join(', ')}`);
  const rows: Table = [];
  await run(rows);
  console.log(`\n${printTable(only, rows)}`);
  process.exit(process.exitCode ?? 0);
}

const output = [`Measured ${new Date().toISOString()} on Node ${process.version}, ${cpus().length} cores.`, ''];
let failed = false;
for (const name of Object.keys(sections)) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: process.env });
  const table = child.stdout.slice(child.stdout.indexOf(`### ${name}`));
  console.log(table);
  output.push(table);
  failed ||= child.status !== 0;
}
await writeFile('bench-results.md', output.join('\n'));
process.exit(failed ? 1 : 0);
