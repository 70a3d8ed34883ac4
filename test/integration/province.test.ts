import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeColor, Resident } from '@firstline/domain';
import { decideEntry, defaultPolicy } from '@firstline/domain';
import { gateColor, provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import { localQueueName } from '@firstline/local/names';
import { caseRegistered, caseReleased } from '../../packages/app/src/province/case-events.ts';
import { firstlineCodeProvider } from '../../packages/app/src/province/firstline-code-provider.ts';
import { linkResidentToProvince } from '../../packages/app/src/province/link-resident.ts';
import { provincialCodeProvider } from '../../packages/app/src/province/provincial-code-provider.ts';
import { verifyAtGate } from '../../packages/app/src/province/verify-at-gate.ts';
import type { GateCodePorts } from '../../packages/app/src/province/verify-at-gate.ts';
import { createProvinceRuntime, provinceReportsQueue } from '../../packages/adapters/src/province/index.ts';
import type { ProvinceRuntime } from '../../packages/adapters/src/province/index.ts';
import { startProvinceEmulator } from '../../packages/province-emulator/src/index.ts';
import type { ProvinceEmulator } from '../../packages/province-emulator/src/index.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

/**
 * The province end to end: the emulated provincial service, a local district stack whose
 * registration links residents to it and whose report-upward consumer talks to it, and the gate's
 * use cases called directly against both (the gate's route over HTTP: province-gate.test.ts).
 * Each step builds on the one before, in order.
 */
let province: ProvinceEmulator;
let stack: RunningStack;
let lab: Awaited<ReturnType<typeof emulatorClients>>;
let link: ProvinceRuntime;
let gate: GateCodePorts;
let provinceDir: string;
const residents: { idNumber: string; personId: string }[] = [];

const stackEnv = () => ({
  FIRSTLINE_PROVINCE_URL: province.url,
  FIRSTLINE_PROVINCE_LINK_FILE: province.linkFile,
  // Redelivery in seconds, not the production backoff of minutes.
  FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2',
  FIRSTLINE_PROVINCE_BACKOFF_BASE_SECONDS: '1',
});

async function controlReports(): Promise<{ eventId: string; received: number }[]> {
  return ((await (await fetch(`${province.controlUrl}/control/reports`)).json()) as { reports: { eventId: string; received: number }[] }).reports;
}

async function reportsQueue() {
  const { QueueUrl } = await lab.sqs.send(new GetQueueUrlCommand({ QueueName: localQueueName('demo', 'province-reports') }));
  return provinceReportsQueue(lab.sqs, QueueUrl!);
}

/** The verdict DESIGN.md's rules give a person whose code a provider vouched for with `color`. */
async function gateVerdict(personId: string, vouched: CodeColor | null) {
  const worker = await stack.as('grid-worker');
  const res = await worker.get<Resident>(`/v1/residents/${personId}`);
  const resident = { ...res.body, codeColor: gateColor(res.body.codeColor, vouched) };
  return decideEntry({ subject: { kind: 'person', resident }, temperatureC: 36.5, direction: 'in', policy: defaultPolicy, quotaAllows: undefined });
}

const within = async <T>(ms: number, work: () => Promise<T>): Promise<{ value: T; elapsed: number }> => {
  const started = performance.now();
  const value = await work();
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(ms);
  return { value, elapsed };
};

beforeAll(async () => {
  provinceDir = await mkdtemp(join(tmpdir(), 'firstline-province-'));
  province = await startProvinceEmulator({ dataDir: provinceDir });
  stack = await startStack({ env: stackEnv() });
  lab = await emulatorClients(stack);
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  for (const building of ['b1', 'b2', 'b3']) {
    const resident = newResident(building);
    const res = await admin.post<{ personId: string }>('/v1/residents', resident);
    expect(res.status).toBe(201);
    residents.push({ idNumber: resident.idNumber, personId: res.body.personId });
  }
  link = createProvinceRuntime(province.url, province.link, { documents: lab.documents, coreTable: lab.tables['core']! });
  // The registration linked them; linking again changes nothing.
  await linkResidentToProvince(link, residents[0]!.personId, residents[0]!.idNumber);
  gate = {
    policy: provinceFirstPolicy,
    providers: [firstlineCodeProvider({ verify: async () => ({ ok: false, why: 'signature' }) }), provincialCodeProvider(link.service)],
    province: { keyring: link.keyring, people: link.people },
  };
});

afterAll(async () => {
  lab?.close();
  await stack?.stop();
  await province?.stop();
  await rm(provinceDir, { recursive: true, force: true });
});

describe('the province’s code at the gate', () => {
  it('vouches for a registered resident’s provincial code online: matched by digest, green, allowed', async () => {
    // Prepare
    const [resident] = residents;
    const { code } = await province.issueCode(resident!.idNumber);

    // Act
    const verdict = await verifyAtGate(gate, code, new Date());

    // Assess
    expect(verdict).toMatchObject({ ok: true, provider: 'province', personId: resident!.personId, color: 'green', provisional: false, singleUse: false });
    expect(await gateVerdict(resident!.personId, 'green')).toMatchObject({ verdict: 'allow', reason: 'ok' });
  });

  it('names nobody for a person the province knows but this district never registered (unknown-person)', async () => {
    const { code } = await province.issueCode('110101198001010019');
    expect(await verifyAtGate(gate, code, new Date())).toMatchObject({ ok: true, personId: null, provisional: false });
  });

  it('refuses a code whose signature is not the province’s', async () => {
    const { code } = await province.issueCode(residents[0]!.idNumber);
    const forged = `${code.slice(0, -6)}AAAAAA`;
    expect(await verifyAtGate(gate, forged, new Date())).toEqual({ ok: false, provider: 'province', why: 'signature' });
  });
});

describe('reporting cases upward', () => {
  it('a case reported through the queue turns the provincial colour yellow, and the next scan of that code is denied', async () => {
    // Prepare: the provincial code is issued while green, before the case.
    const [resident] = residents;
    const { code } = await province.issueCode(resident!.idNumber);
    const event = caseRegistered('demo', {
      caseId: 'province-case-1', personId: resident!.personId, category: 'close-contact', quarantine: 'home', reportedAt: new Date().toISOString(),
    });

    // Act
    await (await reportsQueue()).announce([event]);
    await drained(stack);

    // Assess
    // Taken once; a first attempt the province answered too late for may have come again as a duplicate.
    expect((await controlReports()).map((r) => r.eventId)).toEqual([event.eventId]);
    const verdict = await verifyAtGate(gate, code, new Date());
    expect(verdict).toMatchObject({ ok: true, color: 'yellow', provisional: false });
    expect(await gateVerdict(resident!.personId, verdict.ok ? verdict.color : null)).toMatchObject({ verdict: 'deny', reason: 'code-yellow' });
  });

  it('a confirmed case turns the colour red; its release goes up as its own event', async () => {
    const [, second] = residents;
    const aCase = { caseId: 'province-case-2', personId: second!.personId, category: 'confirmed', quarantine: 'central', reportedAt: new Date().toISOString() } as const;
    const queue = await reportsQueue();
    await queue.announce([caseRegistered('demo', aCase)]);
    await drained(stack);
    expect((await link.service.personColor(province.digestOf(second!.idNumber))).color).toBe('red');
    await queue.announce([caseReleased('demo', aCase, new Date().toISOString())]);
    await drained(stack);
    expect((await link.service.personColor(province.digestOf(second!.idNumber))).color).toBe('green');
  });

  it('redelivered and crashed reports reach the province exactly once', async () => {
    // Prepare: the same event three times over, and a consumer that dies after the province took it once.
    await stack.stop();
    stack = await startStack({ dataDir: stack.dataDir, env: { ...stackEnv(), FIRSTLINE_FAULTS: JSON.stringify({ 'report-upward.after-report': { times: 1 } }) } });
    lab.close();
    lab = await emulatorClients(stack);
    const event = caseRegistered('demo', {
      caseId: 'province-case-3', personId: residents[1]!.personId, category: 'fever-unexcluded', quarantine: 'none', reportedAt: new Date().toISOString(),
    });

    // Act
    const queue = await reportsQueue();
    for (let i = 0; i < 3; i++) await queue.announce([event]);
    const status = await drained(stack);

    // Assess
    const received = (await controlReports()).filter((r) => r.eventId === event.eventId);
    expect(received).toHaveLength(1);
    expect(received[0]!.received).toBeGreaterThanOrEqual(1);
    expect(status.queues['province-reports']!.deadLettered).toBe(0);
    expect(stack.output()).toContain('[fault] injected at report-upward.after-report');
    expect((await link.service.personColor(province.digestOf(residents[1]!.idNumber))).color).toBe('yellow');
  }, 180_000);

  it('a report in flight when the stack is killed is taken once after the restart', async () => {
    // Prepare: the province slow, so the report is mid-call when the process dies.
    await province.setFaults({ latencyMs: 1_500 });
    const event = caseRegistered('demo', {
      caseId: 'province-case-4', personId: residents[0]!.personId, category: 'suspected', quarantine: 'home', reportedAt: new Date().toISOString(),
    });
    await (await reportsQueue()).announce([event]);
    await new Promise((r) => setTimeout(r, 700));

    // Act
    await stack.kill();
    await province.setFaults({ latencyMs: 0 });
    stack = await startStack({ dataDir: stack.dataDir, env: stackEnv() });
    lab.close();
    lab = await emulatorClients(stack);
    const status = await drained(stack);

    // Assess
    expect((await controlReports()).filter((r) => r.eventId === event.eventId)).toHaveLength(1);
    expect(status.queues['province-reports']!.deadLettered).toBe(0);
    expect((await link.service.personColor(province.digestOf(residents[0]!.idNumber))).color).toBe('red');
  }, 180_000);
});

describe('the province slow, failing or down', () => {
  // Each case with a fresh client, so one case's open circuit does not answer for the next.
  // (The stack was restarted above: its DynamoDB is reached through the new clients.)
  const runtime = () => createProvinceRuntime(province.url, province.link, { documents: lab.documents, coreTable: lab.tables['core']! });
  const fresh = (again = runtime()): GateCodePorts => ({
    ...gate, providers: [gate.providers[0]!, provincialCodeProvider(again.service)], province: { keyring: again.keyring, people: again.people },
  });

  it.each([
    ['5 s slow', { latencyMs: 5_000 }],
    ['failing with 5xx', { failure: '5xx' as const }],
    ['down', { down: true }],
  ])('%s: the gate answers within a second, provisionally, and never lets a person last seen red through', async (_what, faults) => {
    // Prepare: codes issued while the province was up (the resident's phone holds one); resident 0
    // is red now, and the other code's holder was never registered here.
    const [red] = residents;
    const redCode = (await province.issueCode(red!.idNumber)).code;
    const stale = await province.issueCode(newResident('b3').idNumber);
    const ports = fresh();
    // A gate that has been scanning: its key imported, its connections open (a cold start is apart).
    await verifyAtGate(ports, redCode, new Date());
    await province.setFaults(faults);
    try {
      // Act
      const { value: verdict } = await within(1_000, () => verifyAtGate(ports, redCode, new Date()));
      const { value: unknown } = await within(1_000, () => verifyAtGate(ports, stale.code, new Date()));

      // Assess
      expect(verdict).toMatchObject({ ok: true, provider: 'province', personId: red!.personId, color: 'red', provisional: true });
      expect(await gateVerdict(red!.personId, verdict.ok ? verdict.color : null)).toMatchObject({ verdict: 'deny', reason: 'code-red' });
      expect(unknown).toMatchObject({ ok: true, personId: null, provisional: true });
    } finally {
      await province.setFaults({ latencyMs: 0, failure: 'none', down: false });
    }
  });

  it('opens its circuit after repeated failures: later scans do not wait for the province at all', async () => {
    const ports = fresh();
    const { code } = await province.issueCode(residents[1]!.idNumber);
    await verifyAtGate(ports, code, new Date());
    await province.setFaults({ latencyMs: 5_000 });
    try {
      for (let i = 0; i < 5; i++) await verifyAtGate(ports, code, new Date());
      const { elapsed, value } = await within(1_000, () => verifyAtGate(ports, code, new Date()));
      expect(value).toMatchObject({ ok: true, provisional: true, color: 'yellow' });
      expect(elapsed).toBeLessThan(100);
    } finally {
      await province.setFaults({ latencyMs: 0 });
    }
  });

  it('takes the province’s own change of colour on the next online verification', async () => {
    // Prepare
    const second = residents[1]!;
    const { code } = await province.issueCode(second.idNumber);
    await fetch(`${province.controlUrl}/control/colors`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idNumber: second.idNumber, color: 'red' }),
    });

    const again = runtime();

    // Act
    const verdict = await verifyAtGate(fresh(again), code, new Date());

    // Assess
    expect(verdict).toMatchObject({ ok: true, color: 'red', provisional: false });
    expect((await again.people.lookup(province.digestOf(second.idNumber)))?.lastColor?.color).toBe('red');
  });
});
