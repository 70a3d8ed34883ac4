import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { addDays, dayOf } from '@firstline/domain';
import type { RouteResponse } from '@firstline/schemas';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

type CloseRun = RouteResponse<'GET /v1/admin/closes/{closeId}'>;
type Report = RouteResponse<'GET /v1/reports/daily'>;

/** Yesterday in the district's zone: closable, and still inside the backlog window. */
const date = addDays(dayOf(new Date(), 'Asia/Shanghai'), -1);
let stack: RunningStack;
let admin: FirstlineClient;

const district = async () => (await admin.get<Report>(`/v1/reports/daily?level=district&id=demo&date=${date}`)).body;

async function untilDone(closeId: string): Promise<CloseRun> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const seen = await admin.get<CloseRun>(`/v1/admin/closes/${closeId}`);
    expect(seen.status).toBe(200);
    if (seen.body.done) return seen.body;
  }
  throw new Error(`close ${closeId} not done within a minute`);
}

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
  // One grid a shard: the small district's close runs as three consumers' work.
  const policy = { closeShardGrids: 1 };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy } })).status).toBe(200);
  const scanner = await stack.as('scanner', ['*']);
  const scans = [
    ...Array.from({ length: 4 }, (_, i) => ({ scanId: `cr-g1-${i}`, checkpointId: 'cp1', idNumber: `11010119000101${3000 + i}`, direction: 'in', temperatureC: 36.5, scannedAt: `${date}T08:0${i}:00+08:00` })),
    ...Array.from({ length: 2 }, (_, i) => ({ scanId: `cr-g3-${i}`, checkpointId: 'cp3', idNumber: `11010119000101${4000 + i}`, direction: 'out', temperatureC: 36.5, scannedAt: `${date}T12:0${i}:00+08:00` })),
  ];
  expect((await scanner.post('/v1/scans', { scans })).status).toBe(200);
  await drained(stack);
});
afterAll(() => stack.stop());

describe('POST /v1/admin/close-day', () => {
  it('answers at once with the close to follow; its shards close the grids and the last writes the roll-ups', async () => {
    const started = await admin.post<CloseRun>('/v1/admin/close-day', { date });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ days: [date], shards: 3, shardsDone: 0, done: false });

    const run = await untilDone(started.body.closeId);

    expect(run).toMatchObject({ days: [date], shards: 3, shardsDone: 3, done: true });
    expect(Date.parse(run.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect((await district()).scans).toMatchObject({ in: 4, out: 2, denied: 6 });
    const street = (await admin.get<Report>(`/v1/reports/daily?level=street&id=s1&date=${date}`)).body;
    expect(street.children.map((c) => [c.id, c.scans.denied])).toEqual([['c1', 4], ['c2', 2]]);
  });

  it('closes the same day twice at once into the same figures, and a shard told again counts once', async () => {
    const before = await district();
    const [a, b] = await Promise.all([admin.closeDay(date), admin.closeDay(date)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await district()).toMatchObject({ scans: before.scans, children: before.children });

    // A finished close's shard delivered again (SQS delivers at least once): it closes its grid
    // again, counts nothing twice, and writes no roll-up a second time.
    const { closeId } = a.body as CloseRun;
    const lab = await emulatorClients(stack);
    const queueUrl = (await lab.sqs.send(new GetQueueUrlCommand({ QueueName: 'firstline-demo-close-shards' }))).QueueUrl!;
    await lab.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ v: 1, closeId, shard: 0, days: [date], gridIds: ['g1'] }) }));
    lab.close();
    await drained(stack);
    const after = (await admin.get<CloseRun>(`/v1/admin/closes/${closeId}`)).body;
    expect(after).toMatchObject({ shards: 3, shardsDone: 3, done: true, finishedAt: (a.body as CloseRun).finishedAt });
    expect(await district()).toMatchObject({ scans: before.scans, children: before.children });
  });

  it('refuses a day in the future or a malformed date, starting nothing; an unknown close is a 404', async () => {
    const tomorrowish = addDays(date, 3);
    expect((await admin.post('/v1/admin/close-day', { date: 'yesterday' })).status).toBe(400);
    expect((await admin.get(`/v1/admin/closes/no-such-close`)).status).toBe(404);
    expect((await admin.get(`/v1/admin/closes/${encodeURIComponent('bad id!')}`)).status).toBe(400);
    const future = await admin.post('/v1/admin/close-day', { date: tomorrowish });
    expect(future.status).toBe(400);
  });
});
