import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { addDays, dayOf, logFlagKinds } from '@firstline/domain';
import { logFlags } from '@firstline/schemas';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { emulatorClients } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

let stack: RunningStack;
let admin: FirstlineClient;
let worker: FirstlineClient;

const today = dayOf(new Date(), 'Asia/Shanghai');
/** Yesterday: a day the backlog window still reaches, and whose deadline has passed (its logs are late). */
const yesterday = addDays(today, -1);

const log = (logId: string, fields: Record<string, unknown> = {}) => ({
  logId, gridId: 'g1', date: yesterday, householdsVisited: 40, residentsScreened: 95, disinfectionRounds: 1, masksDistributed: 120, keyPersonsFound: 0, ...fields,
});

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1']);
});
afterAll(() => stack.stop());

describe('POST /v1/grid-logs', () => {
  it('adds up several logs a day, and a grid with a log has reported', async () => {
    expect((await worker.post('/v1/grid-logs', log('morning'))).status).toBe(201);
    expect((await worker.post('/v1/grid-logs', log('evening', { disinfectionRounds: 2, keyPersonsFound: 1, note: 'second round' }))).status).toBe(201);
    expect((await worker.post('/v1/grid-logs', log('evening', { disinfectionRounds: 2, keyPersonsFound: 1, note: 'second round' }))).status).toBe(201);

    expect((await admin.closeDay(yesterday)).status).toBe(200);

    const lab = await emulatorClients(stack);
    const [g1, g2] = await Promise.all(['g1', 'g2'].map((g) => lab.documents.send(new GetCommand({ TableName: lab.tables['stats'], Key: { pk: `SNAP#${g}`, sk: yesterday } }))));
    lab.close();
    expect(g1!.Item).toMatchObject({
      reported: true,
      work: { logs: 2, householdsVisited: 80, residentsScreened: 190, disinfectionRounds: 3, masksDistributed: 240, keyPersonsFound: 1 },
    });
    expect(g2!.Item).toMatchObject({ reported: false, work: { logs: 0 } });
  });

  it('keeps a log after its day\'s deadline as late: counted for completeness, for certification only once an admin approves it with a reason', async () => {
    const late = await worker.post<{ late: boolean; countsForCertification: boolean }>('/v1/grid-logs', log('late-one'));
    const approved = await admin.post<{ countsForCertification: boolean; approval: { by: string; at: string; reason: string } }>('/v1/admin/grid-logs/late-one/approve', { reason: 'the grid office had no signal' });
    const again = await admin.post<{ approval: { reason: string } }>('/v1/admin/grid-logs/late-one/approve', { reason: 'a second thought' });

    expect(late.body).toMatchObject({ late: true, countsForCertification: false });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ countsForCertification: true, approval: { by: expect.stringContaining('admin'), reason: 'the grid office had no signal' } });
    expect(again.body.approval.reason).toBe('the grid office had no signal');
    expect((await worker.post('/v1/admin/grid-logs/late-one/approve', { reason: 'a grid worker cannot' })).status).toBe(403);
    expect((await admin.post('/v1/admin/grid-logs/late-one/approve', { reason: '' })).status).toBe(400);
    expect((await admin.post('/v1/admin/grid-logs/nothing/approve', { reason: 'no such log' })).status).toBe(404);
  });

  it('counts on-time reporting beside completeness: a log by the deadline is on time, a late one only reported', async () => {
    // A deadline at the end of today, so that a log sent now comes before it whenever the test runs.
    expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy: { reportingDeadline: '23:59' } } })).status).toBe(200);
    const workerG2 = await stack.as('grid-worker', ['g2']);
    expect((await workerG2.post('/v1/grid-logs', { ...log('on-time-g2', { gridId: 'g2' }), date: today })).status).toBe(201);
    const command = await stack.as('command');
    const reporting = async (date: string) => (await command.get<{ reporting: unknown }>(`/v1/reports/daily?level=district&id=${smallRegistry.district.id}&date=${date}`)).body.reporting;

    expect(await reporting(today)).toEqual({ grids: 3, reported: 1, onTime: 1, flaggedLogs: 0 });
    // Yesterday's logs all came after its deadline: reported, none on time.
    expect(await reporting(yesterday)).toEqual({ grids: 3, reported: 1, onTime: 0, flaggedLogs: 0 });
    const csv = await command.get<string>(`/v1/reports/daily?level=district&id=${smallRegistry.district.id}&date=${today}`, { accept: 'text/csv' });
    expect(csv.body.split('\r\n')[0]).toContain('按时上报网格数');
  });

  it("takes a log for a locked day only once an admin reopens that grid's day, for a day, with who, when and why", async () => {
    const locked = addDays(today, -10);
    const lost = { ...log('found-book'), date: locked };
    const reason = 'the log book was found in the office';
    const refused = await worker.post<{ error: { details: { path: string; message: string }[] } }>('/v1/grid-logs', lost);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'date', message: expect.stringContaining('an admin can reopen') });
    expect((await worker.post('/v1/admin/grid-logs/reopen', { gridId: 'g1', date: locked, reason })).status, 'a grid worker cannot').toBe(403);
    expect((await admin.post('/v1/admin/grid-logs/reopen', { gridId: 'g1', date: yesterday, reason })).status, 'not locked').toBe(409);
    expect((await admin.post('/v1/admin/grid-logs/reopen', { gridId: 'g1', date: addDays(today, -40), reason })).status, 'past retention').toBe(400);
    expect((await admin.post('/v1/admin/grid-logs/reopen', { gridId: 'g1', date: addDays(today, 1), reason })).status, 'a future day').toBe(400);

    const reopened = await admin.post<{ by: string; at: string; reason: string; until: string }>('/v1/admin/grid-logs/reopen', { gridId: 'g1', date: locked, reason });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ gridId: 'g1', date: locked, by: expect.stringContaining('admin'), reason });
    expect(Date.parse(reopened.body.until) - Date.parse(reopened.body.at)).toBe(24 * 3_600_000);
    const taken = await worker.post<{ late: boolean; countsForCertification: boolean }>('/v1/grid-logs', lost);
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ late: true, countsForCertification: false });
    // Another grid's same day stays locked.
    const workerG2 = await stack.as('grid-worker', ['g2']);
    expect((await workerG2.post('/v1/grid-logs', { ...lost, logId: 'found-book-g2', gridId: 'g2' })).status).toBe(400);
  });

  it('flags a log whose figures cannot be true against who is registered in the grid, keeps and counts it, and the report counts the flags', async () => {
    expect([...logFlags]).toEqual([...logFlagKinds]);
    // Grid 3: two residents in two households registered.
    for (const household of ['b3-h1', 'b3-h2']) expect((await admin.post('/v1/residents', newResident('b3', household))).status).toBe(201);
    const workerG3 = await stack.as('grid-worker', ['g3']);
    const g3Log = (logId: string, fields: Record<string, unknown>) => ({ ...log(logId, { gridId: 'g3', ...fields }), date: today });
    const implausible = await workerG3.post<{ flags: string[] }>('/v1/grid-logs', g3Log('too-many', { residentsScreened: 5, householdsVisited: 3 }));
    const plausible = await workerG3.post<{ flags: string[] }>('/v1/grid-logs', g3Log('right', { residentsScreened: 2, householdsVisited: 2 }));

    expect(implausible.status).toBe(201);
    expect(implausible.body.flags).toEqual(['screened-over-registered', 'visited-over-households']);
    expect(plausible.body.flags).toEqual([]);
    const command = await stack.as('command');
    const grid = (await command.get<{ reporting: { flaggedLogs: number }; screening: { residentsScreened: number } }>(`/v1/reports/daily?level=grid&id=g3&date=${today}`)).body;
    expect(grid.reporting.flaggedLogs).toBe(1);
    expect(grid.screening.residentsScreened, 'a flagged log still counts').toBe(7);
  });

  it('approves several late logs at once with one reason, and names an unknown one', async () => {
    for (const id of ['bulk-a', 'bulk-b']) expect((await worker.post('/v1/grid-logs', log(id))).status).toBe(201);

    const approved = await admin.post<{ logs: { logId: string; countsForCertification: boolean; approval: { reason: string } }[] }>('/v1/admin/grid-logs/approve', { logIds: ['bulk-a', 'bulk-b'], reason: 'the street was offline all evening' });
    const unknown = await admin.post('/v1/admin/grid-logs/approve', { logIds: ['bulk-a', 'nowhere'], reason: 'the street was offline all evening' });

    expect(approved.status).toBe(200);
    expect(approved.body.logs.map((l) => [l.logId, l.countsForCertification, l.approval.reason])).toEqual([
      ['bulk-a', true, 'the street was offline all evening'], ['bulk-b', true, 'the street was offline all evening'],
    ]);
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['logIds.1']);
    expect((await admin.post('/v1/admin/grid-logs/approve', { logIds: ['bulk-a', 'bulk-a'], reason: 'twice' })).status).toBe(400);
  });

  it.each([
    ['a future day', addDays(today, 1)],
    ['ten days ahead', addDays(today, 10)],
    ['a day the lock has passed', addDays(today, -4)],
    ['a year that is not four digits', '0000-01-01'],
  ])('refuses a log for %s with 400 naming date', async (_what, date) => {
    const res = await worker.post('/v1/grid-logs', log(`out-${date}`, { date }));

    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['date']);
  });

  it('answers the same log id with another body with 409', async () => {
    await worker.post('/v1/grid-logs', log('dup'));

    const res = await worker.post('/v1/grid-logs', log('dup', { masksDistributed: 1 }));

    expect(res.status).toBe(409);
  });

  it.each([
    ['date', { date: '12/03/2020' }],
    ['disinfectionRounds', { disinfectionRounds: -1 }],
    ['householdsVisited', { householdsVisited: 'many' }],
    ['gridId', { gridId: 'nowhere' }],
  ])('refuses a bad %s with 400 naming it', async (path, change) => {
    const res = await admin.post('/v1/grid-logs', log(`bad-${path}`, change));

    expect(res.status).toBe(403);
    const asWorker = await (await stack.as('grid-worker', ['*'])).post('/v1/grid-logs', log(`bad-${path}`, change));
    expect(asWorker.status).toBe(400);
    expect((asWorker.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain(path);
  });

  it('keeps a grid worker to their grids', async () => {
    const res = await worker.post('/v1/grid-logs', log('other-grid', { gridId: 'g2' }));

    expect(res.status).toBe(403);
  });
});
