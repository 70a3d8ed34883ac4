import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

let stack: RunningStack;

beforeAll(async () => {
  stack = await startStack({ env: { FIRSTLINE_LOCAL_SWEEP_SECONDS: '1' } });
  const admin = await stack.as('admin');
  // A scan three days old is past the default 72 h backlog window: this district's is four days.
  const policy = { retentionDays: 2, backlogHours: 96 };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy } })).status).toBe(200);
});
afterAll(() => stack.stop());

describe('retention', () => {
  it('expires scan records after the district retention window and keeps the recent ones', async () => {
    const admin = await stack.as('admin');
    const resident = newResident('b1');
    const person = (await admin.post<{ personId: string }>('/v1/residents', resident)).body;
    const scanner = await stack.as('scanner', ['cp1']);
    const old = new Date(Date.now() - 3 * 86_400_000);
    const recent = new Date(Date.now() - 3_600_000);
    const scan = (scanId: string, at: Date) => ({ scanId, checkpointId: 'cp1', idNumber: resident.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: at.toISOString() });
    expect((await scanner.post('/v1/scans', { scans: [scan('old', old), scan('recent', recent)] })).status).toBe(200);
    await drained(stack);
    const lab = await emulatorClients(stack);

    await new Promise((r) => setTimeout(r, 2_500));

    const oldDay = await lab.records('g1', dayOf(old, 'Asia/Shanghai'));
    const recentDay = await lab.records('g1', dayOf(recent, 'Asia/Shanghai'));
    const view = await admin.get<{ recentScans: { at: string }[] }>(`/v1/residents/${person.personId}`);
    lab.close();
    expect(oldDay.map((r) => r['scanId'])).not.toContain('old');
    expect(recentDay.map((r) => r['scanId'])).toContain('recent');
    expect(view.body.recentScans.map((s) => s.at)).toEqual([recent.toISOString()]);
  });

  it('expires test samples and self-tests, health data, with the same window', async () => {
    const admin = await stack.as('admin');
    const resident = newResident('b1', 'b1-h9');
    const person = (await admin.post<{ personId: string }>('/v1/residents', resident)).body;
    const today = dayOf(new Date(), 'Asia/Shanghai');
    const round = { roundId: 'ret-round', communityId: 'c1', kind: 'pcr', day: today, place: '北门', slots: [{ from: `${today}T00:00:00+08:00`, to: `${today}T23:59:00+08:00`, buildingIds: ['b1'] }] };
    expect((await admin.post('/v1/test-rounds', round)).status).toBe(201);
    const sampledAt = new Date();
    const scanner = await stack.as('scanner', ['cp1']);
    expect((await scanner.post('/v1/test-rounds/ret-round/samples', { checkpointId: 'cp1', samples: [{ sampleId: 'ret-s', idNumber: resident.idNumber, sampledAt: sampledAt.toISOString() }] })).status).toBe(200);
    // A self-test of three days ago, sent late (the backlog window is four days): past the two-day window already.
    const own = await stack.as('resident', [person.personId]);
    const takenAt = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    expect((await own.post(`/v1/residents/${person.personId}/self-tests`, { testId: 'ret-old', result: 'negative', takenAt: takenAt(3) })).status).toBe(201);
    expect((await own.post(`/v1/residents/${person.personId}/self-tests`, { testId: 'ret-new', result: 'negative', takenAt: takenAt(0) })).status).toBe(201);

    await new Promise((r) => setTimeout(r, 2_500));
    const lab = await emulatorClients(stack);
    const item = async (pk: string, sk: string) => (await lab.documents.send(new GetCommand({ TableName: lab.tables['core'], Key: { pk, sk } }))).Item;
    const sample = await item('TESTROUND#ret-round', `S#${person.personId}`);
    const [oldTest, newTest] = [await item(`SELFTEST#${person.personId}`, 'ret-old'), await item(`SELFTEST#${person.personId}`, 'ret-new')];
    lab.close();
    expect(sample?.['expiresAt']).toBe(Math.floor((sampledAt.getTime() + 2 * 86_400_000) / 1000));
    expect(oldTest).toBeUndefined();
    expect(newTest?.['expiresAt']).toBeGreaterThan(Date.now() / 1000);
  });
});
