import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Table } from './bench-support.ts';
import { printTable } from './bench-support.ts';
import { bundlesBenchmark } from './bundles.bench.ts';
import { costBenchmark } from './cost.bench.ts';
import { dispatchBenchmark } from './dispatch.bench.ts';
import { districtBenchmark } from './district.bench.ts';
import { frontlineBenchmark } from './frontline.bench.ts';
import { gateUnderReportsBenchmark } from './gate-under-reports.bench.ts';
import { provinceBenchmark } from './province.bench.ts';
import { reportsBenchmark } from './reports.bench.ts';
import { scansBenchmark } from './scans.bench.ts';
import { printSummary, Summary } from './summary.ts';

/**
 * `pnpm bench`: runs every benchmark, each in its own process (handlers keep their container's
 * clients, so one in-process stack per process), prints the tables and one summary table (the
 * figures with goals: ingest, cost per million scans, bundles) and writes them all to
 * `bench-results.md`. `pnpm bench cost` runs one section in this process, with its summary rows.
 */
const sections: Record<string, (rows: Table, summary: Summary) => Promise<void>> = {
  scans: scansBenchmark,
  dispatch: (rows) => dispatchBenchmark(rows),
  reports: (rows) => reportsBenchmark(rows),
  cost: costBenchmark,
  district: (rows) => districtBenchmark(rows),
  bundles: bundlesBenchmark,
  frontline: frontlineBenchmark,
  gate: (rows) => gateUnderReportsBenchmark(rows),
  province: (rows) => provinceBenchmark(rows),
};

const [only] = process.argv.slice(2);
if (only) {
  const run = sections[only];
  if (!run) throw new Error(`no benchmark ${only}; there are: ${Object.keys(sections).join(', ')}`);
  const rows: Table = [];
  const summary = new Summary();
  await run(rows, summary);
  console.log(`\n${printTable(only, rows)}`);
  const file = process.env['BENCH_SUMMARY_FILE'];
  if (file) await writeFile(file, JSON.stringify(summary));
  else if (summary.rows.length > 0) console.log(printSummary(summary));
  process.exit(process.exitCode ?? 0);
}

const started = performance.now();
const header = `Measured ${new Date().toISOString()} on Node ${process.version}, ${cpus().length} cores.`;
const tables: string[] = [];
const summary = new Summary();
const dir = await mkdtemp(join(tmpdir(), 'firstline-bench-summary-'));
let failed = false;
for (const name of Object.keys(sections)) {
  const file = join(dir, `${name}.json`);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], {
    stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, BENCH_SUMMARY_FILE: file }, maxBuffer: 64 * 1024 * 1024,
  });
  const table = child.stdout.slice(child.stdout.indexOf(`### ${name}`));
  console.log(table);
  tables.push(table);
  failed ||= child.status !== 0;
  try {
    summary.add(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    // A section without summary figures, or one that failed (its table says so).
  }
}
await rm(dir, { recursive: true, force: true });
const total = `All sections in ${((performance.now() - started) / 1000).toFixed(0)} s.`;
const printed = printSummary(summary);
console.log(`${printed}\n${total}`);
await writeFile('bench-results.md', [header, total, '', printed, ...tables].join('\n'));
process.exit(failed ? 1 : 0);
