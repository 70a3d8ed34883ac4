import { dayOf, eachLimited } from '@firstline/domain';
import { startStack } from '../support/local-stack.ts';
import { benchRegistry } from './bench-support.ts';
import type { Table } from './bench-support.ts';
import { mean, percentile } from './meters.ts';

const district = 'demo';
const zone = 'Asia/Shanghai';

/**
 * Gate scans while the command center reads: the latency of a live single scan (one scan a request,
 * one after another, as a gate sends them) through `pnpm dev`'s entry (emulators in one process, the
 * district's gateway and functions in another, as the local stack runs), first alone, then while four
 * of the heaviest report reads one request may make run over and over: a district series with as
 * many never-closed grid-days as the cost cap allows (today of a 2,000-grid district, read grid by
 * grid). Before the cap, four series of never-closed days made the district answer 500 and gate
 * scans take 4.5 s. Figures are printed, not asserted: they depend on the machine.
 */
export async function gateUnderReportsBenchmark(rows: Table, grids = Number(process.env['BENCH_GRIDS'] ?? 2_000), scans = Number(process.env['BENCH_GATE_SCANS'] ?? 300)): Promise<void> {
  const stack = await startStack({ district });
  try {
    const as = (role: string, scopes: string[]) => stack.as(role, scopes);
    const admin = await as('admin', []);
    const registry = benchRegistry(district, grids, 1);
    if ((await admin.put('/v1/registry', registry)).status !== 200) throw new Error('registry');
    const residents = Array.from({ length: 50 }, (_, i) => ({
      idNumber: `42010219900202${String(i).padStart(4, '0')}`, name: '张三', phone: `1380000${String(i).padStart(4, '0')}`,
      buildingId: registry.buildings[i]!.id, householdId: `gate-h${i}`,
    }));
    await eachLimited(residents, 8, async (r) => {
      if ((await admin.post('/v1/residents', r)).status !== 201) throw new Error('resident');
    });
    const scanner = await as('scanner', ['*']);
    const command = await as('command', ['*']);

    const today = dayOf(new Date(), zone);
    // As many never-closed grid-days as the cap (2,000) lets one request read: today, every grid.
    const series = `/v1/reports/series?level=district&id=${district}&from=${today}&to=${today}`;
    let n = 0;
    const liveScans = async (count: number) => {
      const took: number[] = [];
      const statuses = new Map<number, number>();
      for (let i = 0; i < count; i++) {
        const r = residents[n % residents.length]!;
        const started = performance.now();
        const res = await scanner.post('/v1/scans', {
          scans: [{ scanId: `gate-${n}`, checkpointId: registry.checkpoints[n % registry.checkpoints.length]!.id, idNumber: r.idNumber, direction: n % 2 ? 'out' : 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() }],
        });
        took.push(performance.now() - started);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        n++;
      }
      return { took, statuses };
    };
    const describe = (took: readonly number[], statuses: Map<number, number>) =>
      `p50 ${percentile(took, 50).toFixed(0)} ms, p99 ${percentile(took, 99).toFixed(0)} ms, max ${Math.max(...took).toFixed(0)} ms, mean ${mean(took).toFixed(0)} ms; statuses ${[...statuses].map(([s, c]) => `${s}×${c}`).join(' ')}`;

    await liveScans(20);
    const alone = await liveScans(scans);
    rows.push([`live single scan alone (${scans} scans)`, `p99 ${percentile(alone.took, 99).toFixed(0)} ms`, describe(alone.took, alone.statuses)]);

    let reading = true;
    const reportTimes: number[] = [];
    const reportStatuses = new Map<number, number>();
    const readers = Array.from({ length: 4 }, async () => {
      while (reading) {
        const started = performance.now();
        const res = await command.get(series);
        reportTimes.push(performance.now() - started);
        reportStatuses.set(res.status, (reportStatuses.get(res.status) ?? 0) + 1);
      }
    });
    // The readers are under way (each has sent its first request) before gates are timed.
    await new Promise((r) => setTimeout(r, 500));
    const loaded = await liveScans(scans);
    reading = false;
    await Promise.all(readers);
    rows.push([
      `live single scan while 4 district series read ${grids} never-closed grid-days each`,
      `p99 ${percentile(loaded.took, 99).toFixed(0)} ms`,
      describe(loaded.took, loaded.statuses),
    ]);
    rows.push([
      `the 4 series readers (${reportTimes.length} reads)`,
      `p50 ${percentile(reportTimes, 50).toFixed(0)} ms`,
      `p99 ${percentile(reportTimes, 99).toFixed(0)} ms; statuses ${[...reportStatuses].map(([s, c]) => `${s}×${c}`).join(' ')}`,
    ]);
    // 503 is a report giving up in time (too busy: retry); any other 5xx is a failure.
    if ([...loaded.statuses.keys(), ...reportStatuses.keys()].some((s) => s >= 500 && s !== 503)) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}
