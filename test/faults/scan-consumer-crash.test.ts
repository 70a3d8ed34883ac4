import { afterEach, describe, expect, it } from 'vitest';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

let stack: RunningStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** A stack whose scan consumer fails as `faults` says, with 50 ID-card scans of today posted in 5 uploads. */
async function postFiftyScans(faults: Record<string, unknown>) {
  stack = await startStack({ env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2', FIRSTLINE_FAULTS: JSON.stringify(faults) } });
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  const resident = newResident('b1');
  expect((await admin.post('/v1/residents', resident)).status).toBe(201);
  const scanner = await stack.as('scanner', ['cp1']);
  const start = Date.now() - 600_000;
  for (let upload = 0; upload < 5; upload++) {
    const scans = Array.from({ length: 10 }, (_, i) => ({
      scanId: `crash-${upload}-${i}`, checkpointId: 'cp1', idNumber: resident.idNumber, direction: 'in',
      temperatureC: 36.5, scannedAt: new Date(start + (upload * 10 + i) * 1000).toISOString(),
    }));
    expect((await scanner.post('/v1/scans', { scans })).status).toBe(200);
  }
  const status = await drained(stack);
  return { admin, status, day: dayOf(new Date(start), 'Asia/Shanghai'), lab: await emulatorClients(stack) };
}

describe('scan consumer crashes', () => {
  it('a consumer that throws half-way through a batch: after redelivery every scan is counted exactly once', async () => {
    const { status, day, lab } = await postFiftyScans({ 'scan-aggregator.record': { times: 2 } });

    expect(await lab.records('g1', day)).toHaveLength(50);
    expect((await lab.scanCounters('g1', day))['in']).toBe(50);
    expect(status.queues['scan-events']!.deadLettered).toBe(0);
    lab.close();
  });

  it('a crash between recording and counting delays counts but never loses or doubles them: the close recounts', async () => {
    const { admin, status, day, lab } = await postFiftyScans({ 'scan-aggregator.before-count': { times: 1 } });

    const records = await lab.records('g1', day);
    const live = (await lab.scanCounters('g1', day))['in'] ?? 0;
    expect(records).toHaveLength(50);
    expect(new Set(records.map((r) => r['scanId'])).size).toBe(50);
    expect(live).toBeLessThan(50);
    expect(status.queues['scan-events']!.deadLettered).toBe(0);

    expect((await admin.closeDay(day)).status).toBe(200);
    expect((await admin.closeDay(day)).status).toBe(200);

    const snapshot = await lab.documents.send(new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
      TableName: lab.tables['stats'], Key: { pk: 'SNAP#g1', sk: day },
    }));
    expect(snapshot.Item?.['scans']).toEqual({ in: 50, 'cp.cp1.in': 50 });
    lab.close();
  });
});
