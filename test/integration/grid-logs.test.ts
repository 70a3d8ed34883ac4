import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { emulatorClients } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

let stack: RunningStack;
let admin: FirstlineClient;
let worker: FirstlineClient;

const log = (logId: string, fields: Record<string, unknown> = {}) => ({
  logId, gridId: 'g1', date: '2020-03-12', householdsVisited: 40, residentsScreened: 95, disinfectionRounds: 1, masksDistributed: 120, keyPersonsFound: 0, ...fields,
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

    expect((await admin.post('/v1/admin/close-day', { date: '2020-03-12' })).status).toBe(200);

    const lab = await emulatorClients(stack);
    const [g1, g2] = await Promise.all(['g1', 'g2'].map((g) => lab.documents.send(new GetCommand({ TableName: lab.tables['stats'], Key: { pk: `SNAP#${g}`, sk: '2020-03-12' } }))));
    lab.close();
    expect(g1!.Item).toMatchObject({
      reported: true,
      work: { logs: 2, householdsVisited: 80, residentsScreened: 190, disinfectionRounds: 3, masksDistributed: 240, keyPersonsFound: 1 },
    });
    expect(g2!.Item).toMatchObject({ reported: false, work: { logs: 0 } });
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
