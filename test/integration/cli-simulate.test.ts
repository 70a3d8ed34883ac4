import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
let stack: RunningStack;

function firstline(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface Summary {
  district: string;
  offlineGates: number;
  scans: {
    posted: number; attempted: number; offlineBatches: number; duplicateUploads: number; duplicateMismatches: number;
    byDay: Record<string, number>; verdicts: Record<string, number>;
  };
  deliveries: { requested: number; accepted: number };
  gridLogs: { sent: number; accepted: number };
  http: { serverErrors: number; noAnswer: number; errors: Record<string, unknown> };
  achievedRate: number;
}

interface Report {
  scans: { in: number; out: number; denied: number; denyReasons: Record<string, number> };
  deliveries: { requested: number };
  reporting: { reported: number };
}

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.stop());

describe('firstline simulate', () => {
  it('explains itself with --help and refuses bad numbers with exit code 2', () => {
    const help = firstline('simulate', '--help');
    const badRate = firstline('simulate', '--url', stack.url, '--rate', 'fast');
    const badShare = firstline('simulate', '--url', stack.url, '--offline-share', '1.5');

    expect(help.status).toBe(0);
    for (const option of ['--gates', '--rate', '--duration', '--offline-share', '--duplicate-share', '--setup', '--token']) expect(help.stdout).toContain(option);
    expect(firstline('--help').stdout).toContain('firstline simulate');
    expect(badRate).toMatchObject({ status: 2, stderr: expect.stringContaining('--rate must be a number from 0.01 to 10000, not "fast"') });
    expect(badShare).toMatchObject({ status: 2, stderr: expect.stringContaining('--offline-share must be a number from 0 to 1') });
  });

  it('counts exactly the unique scans it posted, through offline batches and duplicate uploads', async () => {
    const run = firstline(
      'simulate', '--url', stack.url, '--setup', '--gates', '2', '--rate', '12', '--duration', '3',
      '--offline-share', '0.5', '--duplicate-share', '0.25', '--deliveries', '2', '--grid-logs', '1', '--json',
    );

    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as Summary;
    expect(summary).toMatchObject({ district: 'demo', offlineGates: 1, http: { serverErrors: 0, noAnswer: 0, errors: {} } });
    expect(summary.scans.posted).toBe(36);
    expect(summary.scans.attempted).toBe(36);
    expect(summary.scans.offlineBatches).toBeGreaterThanOrEqual(1);
    expect(summary.scans.duplicateUploads).toBeGreaterThan(0);
    expect(summary.scans.duplicateMismatches).toBe(0);
    expect(summary.scans.verdicts['allow/ok']).toBeGreaterThan(0);
    expect(summary.scans.verdicts['deny/fever']).toBeGreaterThan(0);
    expect(summary.deliveries).toEqual({ requested: 2, accepted: 2 });
    expect(summary.gridLogs).toEqual({ sent: 1, accepted: 1 });

    expect((await drained(stack)).queues['scan-events']!.deadLettered).toBe(0);
    const command = await stack.as('command');
    let counted = 0;
    for (const [date, posted] of Object.entries(summary.scans.byDay)) {
      const report = await command.get<Report>(`/v1/reports/daily?level=district&id=demo&date=${date}`);
      expect(report.status).toBe(200);
      // Denied scans are counted in `in`/`out` as well; `denied` is a subset, not a third kind.
      expect(report.body.scans.in + report.body.scans.out).toBe(posted);
      const denied = Object.entries(summary.scans.verdicts).filter(([k]) => k.startsWith('deny/')).reduce((n, [, v]) => n + v, 0);
      if (Object.keys(summary.scans.byDay).length === 1) {
        expect(report.body.scans.denied).toBe(denied);
        expect(report.body.deliveries.requested).toBe(2);
        expect(report.body.reporting.reported).toBe(1);
      }
      counted += posted;
    }
    expect(counted).toBe(summary.scans.posted);
  });

  it('prints a readable summary, and runs again on the registry of the first --setup', () => {
    const run = firstline('simulate', '--url', stack.url, '--gates', '2', '--rate', '5', '--duration', '1', '--duplicate-share', '1');

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^simulated [\d.]+ s against http:\/\/\S+ \(district demo\): 2 gates, 0 offline$/m);
    expect(run.stdout).toMatch(/^scans posted: +5 unique, in 5 uploads \(0 offline batches\)$/m);
    expect(run.stdout).toMatch(/^duplicates sent: +5 uploads \(5 scans\) sent twice; every repeat got the same answer$/m);
    expect(run.stdout).toMatch(/^verdicts: +allow\/ok \d+/m);
    expect(run.stdout).toMatch(/^HTTP errors: +none$/m);
    expect(run.stdout).toMatch(/^achieved rate: +[\d.]+ scans\/s \(asked for 5\/s\)$/m);
  });

  it('tells a stack without its registry apart: 4xx are reported with a hint, and do not fail the run', () => {
    const run = firstline('simulate', '--url', stack.url, '--gates', '12', '--rate', '12', '--duration', '1', '--deliveries', '0', '--grid-logs', '0');

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('POST /v1/scans 400');
    expect(run.stdout).toContain('unknown checkpoint');
    expect(run.stdout).toContain('run once with --setup');
  });
});
