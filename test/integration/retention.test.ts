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
});
