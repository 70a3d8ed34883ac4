import { writeFile } from 'node:fs/promises';
import type { Table } from './bench-support.ts';
import { printTable } from './bench-support.ts';
import { dispatchBenchmark } from './dispatch.bench.ts';
import { scansBenchmark } from './scans.bench.ts';

/**
 * `pnpm bench`: runs each benchmark, prints its table and writes all of them to
 * `bench-results.md`. `pnpm bench scans` runs one section.
 */
const sections: Record<string, (rows: Table) => Promise<void>> = {
  scans: scansBenchmark,
  dispatch: dispatchBenchmark,
};

const wanted = process.argv.slice(2);
const output: string[] = [`Measured ${new Date().toISOString()} on Node ${process.version}, ${(await import('node:os')).cpus().length} cores.`, ''];
for (const [name, run] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const rows: Table = [];
  await run(rows);
  const table = printTable(name, rows);
  console.log(table);
  output.push(table);
}
await writeFile('bench-results.md', output.join('\n'));
process.exit(process.exitCode ?? 0);
