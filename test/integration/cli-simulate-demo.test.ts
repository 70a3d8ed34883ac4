import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { addDays, dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

/**
 * `firstline simulate --setup` against a district that already has its hierarchy and closed days
 * (as the seeded demo has): the run must leave both as they were.
 */
const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
const today = dayOf(new Date(), 'Asia/Shanghai');
/** Yesterday: within the window of days a grid log may still be sent for. */
const closedDay = addDays(today, -1);
let stack: RunningStack;
let command: FirstlineClient;

interface Report {
  final: boolean;
  scans: { in: number; out: number };
  reporting: { reported: number };
  children: { id: string; final: boolean }[];
}

function simulate(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, 'simulate', '--url', stack.url, '--json', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const report = async (level: string, id: string, date: string) => (await command.get<Report>(`/v1/reports/daily?level=${level}&id=${id}&date=${date}`)).body;

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  const worker = await stack.as('grid-worker');
  for (const gridId of ['g1', 'g2', 'g3']) {
    expect((await worker.post('/v1/grid-logs', { logId: `l-${gridId}`, gridId, date: closedDay, householdsVisited: 10, residentsScreened: 20, disinfectionRounds: 2, masksDistributed: 30, keyPersonsFound: 0 })).status).toBe(201);
  }
  expect((await admin.closeDay(closedDay)).status).toBe(200);
  command = await stack.as('command');
});
afterAll(() => stack.stop());

describe('firstline simulate in a district with its own hierarchy', () => {
  it('joins the last grid and leaves the streets, communities, grids and closed days as they were', async () => {
    const closedBefore = await report('district', 'demo', closedDay);
    const streetBefore = await report('street', 's1', today);
    expect(closedBefore.final).toBe(true);

    const run = simulate('--setup', '--gates', '3', '--rate', '6', '--duration', '2', '--deliveries', '1', '--grid-logs', '1');

    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { scans: { posted: number; byDay: Record<string, number> }; http: { errors: object }; gridLogs: { accepted: number } };
    expect(summary.http.errors).toEqual({});
    expect(summary.gridLogs.accepted).toBe(1);
    await drained(stack);
    expect(await report('district', 'demo', closedDay)).toEqual(closedBefore);
    expect((await report('district', 'demo', today)).children.map((c) => c.id)).toEqual(['s1']);
    expect((await report('street', 's1', today)).children.map((c) => c.id)).toEqual(streetBefore.children.map((c) => c.id));
    expect((await report('community', 'c2', today)).children.map((c) => c.id)).toEqual(['g3']);
    // Every scan the run posted today was at a gate of g3.
    const grid = await report('grid', 'g3', today);
    expect(summary.scans.byDay[today]).toBeGreaterThan(0);
    expect(grid.scans.in + grid.scans.out).toBe(summary.scans.byDay[today]);
    expect(grid.reporting.reported).toBe(1);
  });

  it('runs again without --setup on the gates the first run registered', () => {
    const run = simulate('--gates', '3', '--rate', '3', '--duration', '1', '--deliveries', '0', '--grid-logs', '1');

    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ http: { errors: {} }, gridLogs: { accepted: 1 } });
  });
});
