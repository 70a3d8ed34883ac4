import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { dayOf } from '@firstline/domain';
import { provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import { startProvinceEmulator } from '../../packages/province-emulator/src/index.ts';
import type { ProvinceEmulator, ProvinceFaults } from '../../packages/province-emulator/src/index.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

/**
 * The province at the gate, end to end over HTTP: a district stack whose gates take the province's
 * code first (`policy.healthCodes`), the emulated provincial service beside it, and every step
 * through the routes a scanner and a grid worker use: `POST /v1/residents` links the resident's
 * digest, `POST /v1/scans` verifies provincial codes, `POST /v1/cases` and its release go upward
 * through `province-reports`. The steps build on each other, in order.
 */
interface Result {
  scanId: string;
  verdict: 'allow' | 'deny';
  reason: string;
  person: { personId: string; codeColor: string } | null;
  provisional?: true;
}
interface Person {
  personId: string;
  idNumber: string;
}

let province: ProvinceEmulator;
let provinceDir: string;
let stack: RunningStack;
let worker: FirstlineClient;
let scanner: FirstlineClient;
let green: Person;
let contact: Person;
let flagged: Person;
let seq = 0;
/** Provisional answers the gate gave, for the report's count. */
let provisionalAnswers = 0;

const stackEnv = () => ({
  FIRSTLINE_PROVINCE_URL: province.url,
  FIRSTLINE_PROVINCE_LINK_FILE: province.linkFile,
  FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2',
  FIRSTLINE_PROVINCE_BACKOFF_BASE_SECONDS: '1',
});

async function register(buildingId: string): Promise<Person> {
  const resident = newResident(buildingId, `${buildingId}-h${++seq}`);
  const res = await worker.post<{ personId: string }>('/v1/residents', resident);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { personId: res.body.personId, idNumber: resident.idNumber };
}

const scan = (code: string, fields: Record<string, unknown> = {}) => ({
  scanId: `pscan-${Date.now()}-${++seq}`, checkpointId: 'cp1', code, direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString(), ...fields,
});

async function post(...scans: Record<string, unknown>[]): Promise<Result[]> {
  const res = await scanner.post<{ results: Result[] }>('/v1/scans', { scans });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  provisionalAnswers += res.body.results.filter((r) => r.provisional).length;
  return res.body.results;
}

/** The province's colour for a person now: what a fresh code from its mini-program carries. */
async function provinceColor(person: Person): Promise<string> {
  return (await province.issueCode(person.idNumber)).color;
}

async function reportsFor(caseId: string): Promise<{ eventId: string; received: number }[]> {
  const body = (await (await fetch(`${province.controlUrl}/control/reports`)).json()) as { reports: { eventId: string; received: number }[] };
  return body.reports.filter((r) => r.eventId.includes(`:${caseId}:`));
}

beforeAll(async () => {
  provinceDir = await mkdtemp(join(tmpdir(), 'firstline-province-gate-'));
  province = await startProvinceEmulator({ dataDir: provinceDir });
  stack = await startStack({ env: stackEnv() });
  const admin = await stack.as('admin');
  const district = { ...smallRegistry.district, policy: { healthCodes: provinceFirstPolicy } };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district })).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1', 'g2', 'g3']);
  scanner = await stack.as('scanner', ['cp1', 'cp2']);
  green = await register('b1');
  contact = await register('b1');
  flagged = await register('b1');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await province?.stop();
  await rm(provinceDir, { recursive: true, force: true });
});

describe('POST /v1/scans with the province’s code', () => {
  it('matches a registered resident by digest: allowed, with the province’s green', async () => {
    const { code } = await province.issueCode(green.idNumber);

    const [result] = await post(scan(code));

    expect(result).toMatchObject({ verdict: 'allow', reason: 'ok', person: { personId: green.personId, codeColor: 'green' } });
    expect(result!.provisional).toBeUndefined();
  });

  it('names nobody for a person the province knows and this district never registered (unknown-person)', async () => {
    const { code } = await province.issueCode(newResident('b1').idNumber);

    expect(await post(scan(code))).toMatchObject([{ verdict: 'deny', reason: 'unknown-person', person: null }]);
  });

  it('denies with the colour the province vouches for: yellow by its own data, though Firstline has no case', async () => {
    await province.setColor(flagged.idNumber, 'yellow');
    const { code } = await province.issueCode(flagged.idNumber);

    expect(await post(scan(code))).toMatchObject([{ verdict: 'deny', reason: 'code-yellow', person: { personId: flagged.personId, codeColor: 'yellow' } }]);
    await province.setColor(flagged.idNumber, 'green');
  });

  it('takes the same provincial code at every scan (it is shown all day), and a repeated scan id keeps its first answer', async () => {
    const { code } = await province.issueCode(green.idNumber);
    const first = scan(code);

    const [a] = await post(first);
    const [b] = await post(scan(code, { checkpointId: 'cp2', direction: 'out' }));
    const [again] = await post(first);

    expect([a!.verdict, b!.verdict, again!.verdict]).toEqual(['allow', 'allow', 'allow']);
    expect(again).toEqual(a);
    // Any other body under the same scan id is still a conflict.
    const conflict = await scanner.post('/v1/scans', { scans: [{ ...first, temperatureC: 36.9 }] });
    expect(conflict.status).toBe(409);
  });

  it('refuses a forged provincial code', async () => {
    const { code } = await province.issueCode(green.idNumber);

    expect(await post(scan(`${code.slice(0, -6)}AAAAAA`))).toMatchObject([{ verdict: 'deny', reason: 'invalid-code', person: null }]);
  });

  it('still takes Firstline’s own code, once', async () => {
    const { code } = (await worker.get<{ code: string }>(`/v1/residents/${green.personId}/code`)).body;

    const [first, second] = await post(scan(code), scan(code));

    expect([first!.reason, second!.reason]).toEqual(['ok', 'invalid-code']);
  });
});

describe('cases reported upward from the routes', () => {
  it('a close contact registered in Firstline turns the provincial colour yellow, and the next scan of that code is denied', async () => {
    // Prepare: the code the resident's phone shows was issued while green.
    const { code } = await province.issueCode(contact.idNumber);
    const caseId = `pcase-${Date.now()}`;
    const body = { caseId, personId: contact.personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'home' };

    // Act: the grid worker's app sends it twice (a lost answer), then the pipeline drains.
    expect((await worker.post('/v1/cases', body)).status).toBe(201);
    expect((await worker.post('/v1/cases', body)).status).toBe(201);
    await drained(stack);

    // Assess: taken once by the province, whose colour is now yellow, and the gate denies.
    expect(await reportsFor(caseId)).toHaveLength(1);
    expect(await provinceColor(contact)).toBe('yellow');
    expect(await post(scan(code))).toMatchObject([{ verdict: 'deny', reason: 'code-yellow', person: { codeColor: 'yellow' } }]);

    // The release goes up as its own event, and the province's colour follows.
    expect((await worker.post(`/v1/cases/${caseId}/release`, { releasedAt: new Date().toISOString() })).status).toBe(200);
    await drained(stack);
    expect((await reportsFor(caseId)).map((r) => r.eventId.split(':').at(-1)).sort()).toEqual(['registered', 'released']);
    expect(await provinceColor(contact)).toBe('green');
    expect(await post(scan(code))).toMatchObject([{ verdict: 'allow', reason: 'ok' }]);
  }, 120_000);
});

describe('the province slow, failing or down', () => {
  it.each<[string, Partial<ProvinceFaults>]>([
    ['5 s slow', { latencyMs: 5_000 }],
    ['failing with 5xx', { failure: '5xx' }],
    ['down', { down: true }],
  ])('%s: the gate answers within a second, provisionally, and never lets a person last seen red through', async (_what, faults) => {
    // Prepare: codes on the residents' phones, issued while the province was up and both were green;
    // then the province turns one red by its own data, which a gate sees on its next online scan.
    const redCode = (await province.issueCode(flagged.idNumber)).code;
    const greenCode = (await province.issueCode(green.idNumber)).code;
    const strangerCode = (await province.issueCode(newResident('b1').idNumber)).code;
    await province.setColor(flagged.idNumber, 'red');
    expect(await post(scan(redCode))).toMatchObject([{ verdict: 'deny', reason: 'code-red' }]);
    await province.setFaults(faults);
    try {
      // Act
      const started = performance.now();
      const results = await post(scan(redCode), scan(greenCode), scan(strangerCode));
      const elapsed = performance.now() - started;

      // Assess
      expect(elapsed).toBeLessThan(1_000);
      expect(results).toMatchObject([
        { verdict: 'deny', reason: 'code-red', person: { personId: flagged.personId, codeColor: 'red' }, provisional: true },
        { verdict: 'allow', reason: 'ok', person: { personId: green.personId, codeColor: 'green' }, provisional: true },
        { verdict: 'deny', reason: 'unknown-person', person: null, provisional: true },
      ]);
    } finally {
      await province.setFaults({ latencyMs: 0, failure: 'none', down: false });
      await province.setColor(flagged.idNumber, 'green');
    }
  }, 60_000);

  it('counts the provisional verdicts apart in the daily report, live and once the day is closed', async () => {
    const date = dayOf(new Date(), 'Asia/Shanghai');
    const command = await stack.as('command');
    const admin = await stack.as('admin');
    await drained(stack);
    expect(provisionalAnswers).toBe(9);

    const live = await command.get<{ scans: { provisional: number } }>(`/v1/reports/daily?level=grid&id=g1&date=${date}`);
    expect(live.status).toBe(200);
    expect(live.body.scans.provisional).toBe(provisionalAnswers);

    expect((await admin.post('/v1/admin/close-day', { date })).status).toBeLessThan(300);
    await drained(stack);
    const closed = await command.get<{ scans: { provisional: number }; children: { id: string; scans: { provisional: number } }[] }>(
      `/v1/reports/daily?level=district&id=demo&date=${date}`,
    );
    expect(closed.body.scans.provisional).toBe(provisionalAnswers);
    expect(closed.body.children.find((c) => c.id === 's1')?.scans.provisional).toBe(provisionalAnswers);
  }, 120_000);
});

describe('reports upward through a crash', () => {
  it('a case registered while the province is slow, the stack killed mid-report, reaches the province once after the restart', async () => {
    // Prepare
    await province.setFaults({ latencyMs: 1_500 });
    const caseId = `pkill-${Date.now()}`;
    const res = await worker.post('/v1/cases', {
      caseId, personId: flagged.personId, category: 'suspected', reportedAt: new Date().toISOString(), quarantine: 'home',
    });
    expect(res.status).toBe(201);
    await new Promise((r) => setTimeout(r, 700));

    // Act
    await stack.kill();
    await province.setFaults({ latencyMs: 0 });
    stack = await startStack({ dataDir: stack.dataDir, env: stackEnv() });
    const status = await drained(stack);

    // Assess
    expect(await reportsFor(caseId)).toHaveLength(1);
    expect(status.queues['province-reports']!.deadLettered).toBe(0);
    expect(await provinceColor(flagged)).toBe('red');
  }, 180_000);
});
