import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients, status } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

interface Result {
  scanId: string;
  verdict: 'allow' | 'deny';
  reason: string;
  person: { personId: string; nameMasked: string; buildingId: string; codeColor: string } | null;
}
interface Person {
  personId: string;
  idNumber: string;
  householdId: string;
}

let stack: RunningStack;
let admin: FirstlineClient;
let worker: FirstlineClient;
let scanner: FirstlineClient;
let seq = 0;

const zone = 'Asia/Shanghai';
const now = () => new Date().toISOString();

async function register(buildingId = 'b1', householdId?: string): Promise<Person> {
  const resident = newResident(buildingId, householdId ?? `${buildingId}-h${++seq}`);
  const res = await worker.post<{ personId: string }>('/v1/residents', resident);
  expect(res.status).toBe(201);
  return { personId: res.body.personId, idNumber: resident.idNumber, householdId: resident.householdId };
}

async function codeOf(person: Person): Promise<string> {
  const res = await worker.get<{ code: string }>(`/v1/residents/${person.personId}/code`);
  expect(res.status).toBe(200);
  return res.body.code;
}

function scan(fields: Record<string, unknown>) {
  return { scanId: `scan-${Date.now()}-${++seq}`, checkpointId: 'cp1', direction: 'in', temperatureC: 36.5, scannedAt: now(), ...fields };
}

async function post(...scans: Record<string, unknown>[]): Promise<Result[]> {
  const res = await scanner.post<{ results: Result[] }>('/v1/scans', { scans });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results;
}

beforeAll(async () => {
  stack = await startStack({ env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2' } });
  admin = await stack.as('admin');
  const policy = { outings: { perHousehold: 1, everyDays: 3 } };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy } })).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1', 'g2', 'g3']);
  scanner = await stack.as('scanner', ['cp1', 'cp2']);
});
afterAll(() => stack.stop());

describe('POST /v1/scans verdicts', () => {
  it('allows a green resident with a fresh code, and names them', async () => {
    const person = await register();

    const [result] = await post(scan({ code: await codeOf(person) }));

    expect(result).toMatchObject({ verdict: 'allow', reason: 'ok', person: { personId: person.personId, nameMasked: '张**', buildingId: 'b1', codeColor: 'green' } });
  });

  it('denies a forged, a reused and an out-of-window code as invalid-code', async () => {
    const person = await register();
    const code = await codeOf(person);
    const forged = code.slice(0, -4) + (code.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const earlier = new Date(Date.now() - 60 * 60_000).toISOString();

    const [first] = await post(scan({ code }));
    const [reused] = await post(scan({ code }));
    const results = await post(scan({ code: forged }), scan({ code: await codeOf(person), scannedAt: earlier }));

    expect(first!.reason).toBe('ok');
    expect(reused).toMatchObject({ verdict: 'deny', reason: 'invalid-code', person: null });
    expect(results.map((r) => r.reason)).toEqual(['invalid-code', 'invalid-code']);
  });

  it('refuses a scan dated beyond the two minutes of clock skew with 400 naming it, rather than judging its code', async () => {
    const person = await register();
    const later = new Date(Date.now() + 6 * 60_000).toISOString();

    const res = await scanner.post('/v1/scans', { scans: [scan({ code: await codeOf(person) }), scan({ code: await codeOf(person), scannedAt: later })] });

    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(['scans.1.scannedAt']);
  });

  it('resolves ID-card scans by the hashed ID number, and unknown numbers as unknown-person', async () => {
    const person = await register();

    const [known, unknown] = await post(scan({ idNumber: person.idNumber }), scan({ idNumber: '110101190001010000' }));

    expect(known).toMatchObject({ verdict: 'allow', reason: 'ok', person: { personId: person.personId } });
    expect(unknown).toMatchObject({ verdict: 'deny', reason: 'unknown-person', person: null });
  });

  it('denies red and yellow codes from four-category cases, and a fever', async () => {
    const red = await register();
    const yellow = await register();
    const feverish = await register();
    const report = (person: Person, category: string, quarantine: string) =>
      worker.post('/v1/cases', { caseId: `case-${++seq}`, personId: person.personId, category, reportedAt: now(), quarantine });
    expect((await report(red, 'confirmed', 'central')).status).toBe(201);
    expect((await report(yellow, 'close-contact', 'none')).status).toBe(201);

    const results = await post(scan({ idNumber: red.idNumber }), scan({ idNumber: yellow.idNumber }), scan({ idNumber: feverish.idNumber, temperatureC: 37.3 }));

    expect(results.map((r) => [r.verdict, r.reason, r.person?.codeColor])).toEqual([
      ['deny', 'code-red', 'red'],
      ['deny', 'code-yellow', 'yellow'],
      ['deny', 'fever', 'green'],
    ]);
  });

  it('turns the code green again when the case is released, unless another open case holds it', async () => {
    const person = await register();
    const first = `case-${++seq}`;
    const second = `case-${++seq}`;
    await worker.post('/v1/cases', { caseId: first, personId: person.personId, category: 'suspected', reportedAt: now(), quarantine: 'home' });
    await worker.post('/v1/cases', { caseId: second, personId: person.personId, category: 'close-contact', reportedAt: now(), quarantine: 'home' });

    const afterFirst = await worker.post(`/v1/cases/${first}/release`, { releasedAt: now() });
    const afterSecond = await worker.post(`/v1/cases/${second}/release`, { releasedAt: now() });

    expect(afterFirst.body).toMatchObject({ codeColor: 'yellow', status: 'home' });
    expect(afterSecond.body).toMatchObject({ codeColor: 'green', status: 'none' });
    expect((await post(scan({ idNumber: person.idNumber })))[0]!.reason).toBe('ok');
  });

  it('denies the second out of a household inside the pass-quota window, across gates and requests', async () => {
    const a = await register('b1', 'b1-quota');
    const b = await register('b1', 'b1-quota');

    const [firstOut, secondOut] = await post(scan({ idNumber: a.idNumber, direction: 'out' }), scan({ idNumber: b.idNumber, direction: 'out', checkpointId: 'cp2' }));
    const [again] = await post(scan({ idNumber: a.idNumber, direction: 'out' }));
    const [comingIn] = await post(scan({ idNumber: a.idNumber, direction: 'in' }));

    expect([firstOut!.reason, secondOut!.reason, again!.reason, comingIn!.reason]).toEqual(['ok', 'pass-quota', 'pass-quota', 'ok']);
  });

  it('keeps the pass quota consistent when two gates scan one household at once', async () => {
    const members = await Promise.all([1, 2, 3, 4].map(() => register('b2', 'b2-race')));

    const results = await Promise.all(members.map((m, i) => post(scan({ idNumber: m.idNumber, direction: 'out', checkpointId: i % 2 ? 'cp1' : 'cp2' }))));

    expect(results.flat().filter((r) => r.verdict === 'allow')).toHaveLength(1);
    expect(results.flat().filter((r) => r.reason === 'pass-quota')).toHaveLength(3);
  });
});

describe('POST /v1/scans input and scope', () => {
  const bad: Array<[string, unknown, string]> = [
    ['temperature below 34', { scans: [scan({ idNumber: '110101190001010000', temperatureC: 33.9 })] }, 'scans.0.temperatureC'],
    ['temperature above 43', { scans: [scan({ idNumber: '110101190001010000', temperatureC: 43.1 })] }, 'scans.0.temperatureC'],
    ['no scans', { scans: [] }, 'scans'],
    ['101 scans', { scans: Array.from({ length: 101 }, () => scan({ idNumber: '110101190001010000' })) }, 'scans'],
    ['an unknown direction', { scans: [scan({ idNumber: '110101190001010000', direction: 'sideways' })] }, 'scans.0.direction'],
    ['no person', { scans: [scan({})] }, 'scans.0.code'],
    ['a bad time', { scans: [scan({ idNumber: '110101190001010000', scannedAt: 'yesterday' })] }, 'scans.0.scannedAt'],
    ['an unknown checkpoint', { scans: [scan({ idNumber: '110101190001010000', checkpointId: 'cp-nowhere' })] }, 'scans.0.checkpointId'],
  ];

  it.each(bad)('answers %s with 400 naming the field, and records nothing', async (_name, body, path) => {
    const res = await scanner.post('/v1/scans', body);

    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain(path);
  });

  it('refuses a checkpoint outside the scanner scope with 403', async () => {
    const res = await scanner.post('/v1/scans', { scans: [scan({ idNumber: '110101190001010000', checkpointId: 'cp3' })] });

    expect(res.status).toBe(403);
  });

  it('answers a repeat with the same answer, and the same id with another body with 409', async () => {
    const person = await register();
    const body = { scans: [scan({ code: await codeOf(person) })] };

    const first = await scanner.post<{ results: Result[] }>('/v1/scans', body);
    const repeat = await scanner.post<{ results: Result[] }>('/v1/scans', body);
    const changed = await scanner.post('/v1/scans', { scans: [{ ...body.scans[0], temperatureC: 39 }] });

    expect(first.body.results[0]!.reason).toBe('ok');
    expect(repeat.body).toEqual(first.body);
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ error: { code: 'conflict', details: [{ path: 'scans.0.scanId' }] } });
  });
});

describe('recording and counting', () => {
  it('counts a live scan in the report within the fold, and says how old the live counts are', async () => {
    const person = await register('b2');
    const day = dayOf(new Date(), zone);
    const before = await worker.get<{ scans: { in: number }; final: boolean; scansAsOf?: string }>(`/v1/reports/daily?level=grid&id=g2&date=${day}`);
    const sent = Date.now();
    await post(scan({ checkpointId: 'cp2', idNumber: person.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: now() }));
    await drained(stack);

    const after = await worker.get<{ scans: { in: number }; final: boolean; scansAsOf?: string }>(`/v1/reports/daily?level=grid&id=g2&date=${day}`);
    expect(after.body.scans.in - before.body.scans.in).toBe(1);
    expect(after.body.final).toBe(false);
    // The end of the quarter-second bucket the scan was folded in: after it was sent, and not in the future.
    expect(Date.parse(after.body.scansAsOf!)).toBeGreaterThan(sent);
    expect(Date.parse(after.body.scansAsOf!)).toBeLessThanOrEqual(Date.now());
  });

  it('counts an offline backlog of 100 from yesterday once, on yesterday, though uploaded twice', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => register('b2')));
    const yesterdayNoon = Date.now() - 86_400_000;
    const day = dayOf(new Date(yesterdayNoon), zone);
    const backlog = Array.from({ length: 100 }, (_, i) => scan({
      checkpointId: 'cp2', idNumber: people[i % 10]!.idNumber, direction: 'in',
      temperatureC: i % 25 === 0 ? 37.8 : 36.4, scannedAt: new Date(yesterdayNoon + i * 1000).toISOString(),
    }));
    const lab = await emulatorClients(stack);
    const before = await lab.scanCounters('g2', day);

    const first = await scanner.post<{ results: Result[] }>('/v1/scans', { scans: backlog });
    const second = await scanner.post<{ results: Result[] }>('/v1/scans', { scans: backlog });
    const status = await drained(stack);

    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const after = await lab.scanCounters('g2', day);
    expect((after['in'] ?? 0) - (before['in'] ?? 0)).toBe(100);
    expect((after['fever'] ?? 0) - (before['fever'] ?? 0)).toBe(4);
    expect((after['deny.fever'] ?? 0) - (before['deny.fever'] ?? 0)).toBe(4);
    expect((after['cp.cp2.in'] ?? 0) - (before['cp.cp2.in'] ?? 0)).toBe(100);
    const records = await lab.records('g2', day);
    expect(records.filter((r) => backlog.some((b) => b.scanId === r['scanId']))).toHaveLength(100);
    expect(status.queues['scan-events']!.deadLettered).toBe(0);
    lab.close();
  });

  it('shows recorded scans in the resident view, newest first', async () => {
    const person = await register();
    const t0 = Date.now() - 3_600_000;
    await post(
      scan({ idNumber: person.idNumber, scannedAt: new Date(t0).toISOString(), temperatureC: 36.1 }),
      scan({ idNumber: person.idNumber, scannedAt: new Date(t0 + 60_000).toISOString(), temperatureC: 36.9, direction: 'out' }),
    );

    const view = await worker.get<{ recentScans: { temperatureC: number; direction: string }[]; temperatures: { temperatureC: number }[] }>(`/v1/residents/${person.personId}`);

    expect(view.body.recentScans.map((s) => [s.direction, s.temperatureC])).toEqual([['out', 36.9], ['in', 36.1]]);
    expect(view.body.temperatures.map((t) => t.temperatureC)).toEqual([36.9, 36.1]);
  });

  it('sends a poison message to the dead-letter queue and nothing else', { timeout: 150_000 }, async () => {
    const lab = await emulatorClients(stack);
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    const queues = (await stack.client.get<{ queues: Record<string, unknown> }>('/local/status')).body;
    expect(queues.queues['scan-events']).toBeDefined();
    await lab.sqs.send(new SendMessageCommand({ QueueUrl: await queueUrl(lab.sqs, 'firstline-demo-scan-events'), MessageBody: '{"v":1,"scans":"not a list"}' }));

    // Five receives, two seconds apart, then the redrive policy moves it: poll until it does.
    const deadline = Date.now() + 120_000;
    let deadLettered = 0;
    while (Date.now() < deadline && deadLettered === 0) {
      await new Promise((r) => setTimeout(r, 500));
      deadLettered = (await status(stack)).queues['scan-events']?.deadLettered ?? 0;
    }

    expect(deadLettered).toBe(1);
    expect((await drained(stack)).queues['scan-events']!.deadLettered).toBe(1);
    lab.close();
  });
});

async function queueUrl(sqs: import('@aws-sdk/client-sqs').SQSClient, name: string): Promise<string> {
  const { GetQueueUrlCommand } = await import('@aws-sdk/client-sqs');
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
}
