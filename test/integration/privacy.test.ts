import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { GetQueueAttributesCommand, ListQueuesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import type { LocalStatus } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

/**
 * Part 4 of "Proof under stress": a full run on the city and both districts, then a search of
 * everything the stacks hold or said — every item of every emulator table, every message still in
 * every queue and dead-letter queue, every line the stack processes logged (at DEBUG) — for the raw
 * ID numbers (either case of a final `x`), full phones and full names that went in. The city table
 * must hold aggregates only, and scan records must expire within the district's retention window.
 */

const districts = ['demo', 'riverside'] as const;
type District = (typeof districts)[number];
/** Different windows, so that a record expiring by the default (28 days) in demo is caught. */
const retentionDays: Record<District, number> = { demo: 21, riverside: 35 };
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const dayOf = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

interface Person { idNumber: string; name: string; phone: string; buildingId: string; householdId: string }

/** Everything personal that went in: what must not come out anywhere. */
const secrets = new Set<string>();
const people: Record<District, Person[]> = { demo: [], riverside: [] };
const registries: Record<string, typeof smallRegistry> = {};

let stack: RunningStack;
const mount = (path: string) => new FirstlineClient({ baseUrl: `${stack.url}${path}` });
const as = async (district: string, role: string, scopes = ['*'], tokenDistrict = district) => {
  const anonymous = mount(`/districts/${district}`);
  return anonymous.withToken(await anonymous.localToken({ role, district: tokenDistrict, scopes }));
};

let serial = 0;
function person(district: District, buildingId: string, i: number): Person {
  serial++;
  const tail = String(serial).padStart(3, '0');
  // Mainland IDs: some end in X (searched in either case), phones bare, with +86 or with dashes.
  const idNumber = `${district === 'demo' ? '310104' : '440305'}19850${i % 10}12${tail}${i % 2 === 0 ? 'X' : String(i % 10)}`;
  const digits = `137${district === 'demo' ? '1' : '2'}${String(serial).padStart(7, '0')}`;
  const phone = i % 3 === 1 ? `+86 ${digits}` : i % 3 === 2 ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}` : digits;
  const name = `隐私${district === 'demo' ? '东' : '西'}${'甲乙丙丁戊己庚辛'[i % 8]}${'子丑寅卯'[Math.floor(i / 8) % 4]}`;
  for (const s of [idNumber, digits, phone, name]) secrets.add(s);
  return { idNumber, name, phone, buildingId, householdId: `${buildingId}-h${(i % 2) + 1}` };
}

async function run(district: District): Promise<string[]> {
  const admin = await as(district, 'admin');
  const worker = await as(district, 'grid-worker');
  const scanner = await as(district, 'scanner');
  const dispatcher = await as(district, 'dispatcher');
  const registry = {
    ...smallRegistry,
    district: { ...smallRegistry.district, id: district, name: `${district} district`, policy: { retentionDays: retentionDays[district], outings: { perHousehold: 2, everyDays: 1 } } },
  };
  registries[district] = registry;
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);

  // Residents, with known raw ID numbers and full phones.
  const residents = Array.from({ length: 9 }, (_, i) => person(district, `b${(i % 3) + 1}`, i));
  const personIds: string[] = [];
  for (const r of residents) {
    const res = await worker.post<{ personId: string; phoneMasked: string }>('/v1/residents', r);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    personIds.push(res.body.personId);
  }
  people[district] = residents;

  // Refused requests that carry personal data: it must not reach a log line either.
  const stranger = person(district, 'b1', 7);
  expect((await worker.post('/v1/residents', { ...stranger, buildingId: 'no-such-building' })).status).toBe(400);
  expect((await worker.post('/v1/residents', { ...residents[0]!, name: `${residents[0]!.name}改` })).status).toBe(409);
  expect((await worker.post('/v1/residents', { ...stranger, phone: `${stranger.phone}abc` })).status).toBe(400);
  expect((await scanner.post('/v1/scans', { scans: [{ scanId: `${district}-bad`, checkpointId: 'cp9', idNumber: stranger.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() }] })).status).toBe(400);
  secrets.add(`${residents[0]!.name}改`);

  // Three consent to be reached, each at their full number: it is sealed at once, and opened only
  // in the notifier, which sends the code-changed notice below (to the outbox locally).
  for (const i of [0, 1, 2]) {
    expect((await worker.put(`/v1/residents/${personIds[i]}/contact`, { phone: residents[i]!.phone, consent: true })).status).toBe(200);
  }

  // A case with home quarantine (the person's next scan is denied, and they are told), released later.
  expect((await worker.post('/v1/cases', { caseId: `${district}-case-1`, personId: personIds[0], category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'home' })).status).toBe(201);

  // Live scans by ID card (one typed with a lower-case x) and by health code.
  const now = Date.now();
  const scannedAt: string[] = [];
  const live = residents.map((r, i) => {
    const at = new Date(now - (i + 1) * 60_000).toISOString();
    scannedAt.push(at);
    return { scanId: `${district}-live-${i}`, checkpointId: `cp${(i % 3) + 1}`, idNumber: i === 2 ? r.idNumber.toLowerCase() : r.idNumber, direction: i % 2 ? 'out' : 'in', temperatureC: i === 4 ? 38.1 : 36.5, scannedAt: at, deviceId: `${district}-gate-1` };
  });
  expect((await scanner.post('/v1/scans', { scans: live })).status).toBe(200);
  for (const [i, personId] of personIds.slice(1, 5).entries()) {
    const code = await worker.get<{ code: string }>(`/v1/residents/${personId}/code`);
    expect(code.status).toBe(200);
    const at = new Date(now - i * 1000).toISOString();
    scannedAt.push(at);
    const res = await scanner.post('/v1/scans', { scans: [{ scanId: `${district}-code-${i}`, checkpointId: 'cp1', code: code.body.code, direction: 'out', temperatureC: 36.4, scannedAt: at }] });
    expect(res.status).toBe(200);
  }

  // An offline gate's backlog: an hour of scans uploaded at once, people known and unknown.
  const unknown = Array.from({ length: 5 }, (_, i) => person(district, 'b2', 20 + i));
  const backlog = Array.from({ length: 60 }, (_, i) => {
    const who = i % 4 === 3 ? unknown[i % unknown.length]! : residents[i % residents.length]!;
    const at = new Date(now - 3 * 3_600_000 + i * 60_000).toISOString();
    scannedAt.push(at);
    return { scanId: `${district}-backlog-${i}`, checkpointId: `cp${(i % 3) + 1}`, idNumber: who.idNumber, direction: i % 2 ? 'out' : 'in', temperatureC: 36 + (i % 20) / 10, scannedAt: at, deviceId: `${district}-gate-2` };
  });
  expect((await scanner.post('/v1/scans', { scans: backlog })).status).toBe(200);
  // The same backlog again, as a gate that did not hear the answer: nothing changes.
  expect((await scanner.post('/v1/scans', { scans: backlog })).status).toBe(200);

  // An upload whose scan-events message the consumer can never take (FIRSTLINE_FAULTS below): it
  // ends in the dead-letter queue, where it stays to be read, like a real poison batch would.
  const poison = [residents[5]!, unknown[0]!].map((who, i) => {
    const at = new Date(now - 7_200_000 + i * 1000).toISOString();
    scannedAt.push(at);
    return { scanId: `${district}-poison-${i}`, checkpointId: 'cp2', idNumber: who.idNumber, direction: 'in', temperatureC: 36.7, scannedAt: at, deviceId: `${district}-gate-3` };
  });
  expect((await scanner.post('/v1/scans', { scans: poison })).status).toBe(200);

  expect((await worker.post(`/v1/cases/${district}-case-1/release`, { releasedAt: new Date().toISOString() })).status).toBe(200);

  // Deliveries with volunteers: one order, one group-buy, picked up and delivered.
  const volunteer = { name: `志愿${district === 'demo' ? '东' : '西'}某某`, phone: `+86 1380${district === 'demo' ? '1' : '2'}234567`, roles: ['runner'], gridIds: ['g1'], onDuty: true, capacity: 5 };
  for (const s of [volunteer.name, volunteer.phone, volunteer.phone.replace(/\D/g, '').slice(2)]) secrets.add(s);
  expect((await dispatcher.put(`/v1/volunteers/${district}-v1`, volunteer)).status).toBe(200);
  expect((await dispatcher.post('/v1/deliveries', {
    deliveryId: `${district}-d1`, householdId: 'b1-h1', buildingId: 'b1', kind: 'medicine', items: [{ name: 'insulin', quantity: 1 }], priority: 'medical', requestedAt: new Date(now - 600_000).toISOString(),
  })).status).toBe(202);
  expect((await dispatcher.post('/v1/group-buys', {
    groupBuyId: `${district}-gb1`, gridId: 'g1', item: 'vegetables', arrivedAt: new Date(now - 300_000).toISOString(), households: [{ householdId: 'b1-h1', buildingId: 'b1', quantity: 1 }, { householdId: 'b1-h2', buildingId: 'b1', quantity: 3 }],
  })).status).toBe(202);
  const vol = await as(district, 'volunteer', [`${district}-v1`]);
  const deadline = Date.now() + 30_000;
  let tasks: { deliveryId: string }[] = [];
  while (tasks.length < 3 && Date.now() < deadline) {
    tasks = (await vol.get<{ tasks: { deliveryId: string }[] }>(`/v1/volunteers/${district}-v1/tasks`)).body.tasks;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(tasks).toHaveLength(3);
  for (const [i, task] of tasks.entries()) {
    expect((await vol.post(`/v1/deliveries/${task.deliveryId}/events`, { type: 'picked-up', at: new Date(now + 1000).toISOString() })).status).toBe(200);
    const end = i === 2 ? { type: 'failed', reason: 'not-home', note: 'nobody answered' } : { type: 'delivered', note: 'left at the door' };
    expect((await vol.post(`/v1/deliveries/${task.deliveryId}/events`, { ...end, at: new Date(now + 2000).toISOString() })).status).toBe(200);
  }

  // Grid logs for every grid.
  for (const gridId of ['g1', 'g2', 'g3']) {
    expect((await worker.post('/v1/grid-logs', {
      logId: `${district}-${gridId}-log`, gridId, date: dayOf(new Date().toISOString()), householdsVisited: 12, residentsScreened: 30, disinfectionRounds: 2, masksDistributed: 40, keyPersonsFound: 1, note: 'rounds done',
    })).status).toBe(201);
  }
  return scannedAt;
}

const searched = { items: 0, messages: 0, logLines: 0 };
let closedDays: string[] = [];

beforeAll(async () => {
  stack = await startStack({
    city: true,
    env: { POWERTOOLS_LOG_LEVEL: 'DEBUG', FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '1', FIRSTLINE_FAULTS: JSON.stringify({ 'scan-aggregator.scan': { match: '-poison-' } }) },
  });
  const days = new Set<string>();
  for (const district of districts) {
    for (const at of await run(district)) days.add(dayOf(at));
    await drained({ ...stack, client: mount(`/districts/${district}`) });
  }
  // The day close, which sends each district's aggregates to the city.
  closedDays = [...days].sort();
  for (const district of districts) {
    const admin = await as(district, 'admin');
    for (const date of closedDays) expect((await admin.closeDay(date)).status).toBe(200);
  }
  await drained({ ...stack, client: mount('/city') });
  for (const district of districts) await drained({ ...stack, client: mount(`/districts/${district}`) });
}, 240_000);
afterAll(() => stack.stop());

async function statuses(): Promise<Record<string, LocalStatus>> {
  const mounts = { city: '/city', ...Object.fromEntries(districts.map((d) => [d, `/districts/${d}`])) };
  return Object.fromEntries(await Promise.all(Object.entries(mounts).map(async ([id, path]) => [id, (await mount(path).get<LocalStatus>('/local/status')).body] as const)));
}

/** Every item of every table on the emulator, by table name. */
async function allItems(endpoint: string): Promise<Map<string, Record<string, unknown>[]>> {
  const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  const out = new Map<string, Record<string, unknown>[]>();
  let start: string | undefined;
  const names: string[] = [];
  do {
    const page = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  const documents = DynamoDBDocumentClient.from(dynamodb);
  for (const table of names) {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateScan({ client: documents }, { TableName: table })) items.push(...(page.Items ?? []));
    out.set(table, items);
  }
  documents.destroy();
  return out;
}

/** Every message still in every queue, read with a zero visibility timeout and never deleted. */
async function allMessages(endpoint: string): Promise<Map<string, string[]>> {
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });
  const urls = (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
  const out = new Map<string, string[]>();
  for (const url of urls) {
    const attributes = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }))).Attributes ?? {};
    const expected = Number(attributes.ApproximateNumberOfMessages ?? 0) + Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    const seen = new Map<string, string>();
    for (let round = 0, idle = 0; round < 200 && idle < 3 && (seen.size < expected || round < 2); round++) {
      const page = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 0, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }));
      let fresh = 0;
      for (const m of page.Messages ?? []) {
        if (seen.has(m.MessageId!)) continue;
        seen.set(m.MessageId!, JSON.stringify({ body: m.Body, attributes: m.MessageAttributes }));
        fresh++;
      }
      idle = fresh === 0 ? idle + 1 : 0;
    }
    expect(seen.size, `messages read from ${url}`).toBeGreaterThanOrEqual(expected);
    out.set(url, [...seen.values()]);
  }
  sqs.destroy();
  return out;
}

/** The secrets found in a text, compared case-insensitively (an ID's final X in either case). */
function leaks(text: string): string[] {
  const haystack = text.toLowerCase();
  return [...secrets].filter((s) => haystack.includes(s.toLowerCase()));
}

describe('no raw ID number, full phone or full name anywhere', () => {
  it('holds none in any item of any table of any stack', async () => {
    const s = await statuses();
    const endpoint = s['demo']!.endpoints.dynamodb;
    for (const st of Object.values(s)) expect(st.endpoints.dynamodb).toBe(endpoint);
    const tables = await allItems(endpoint);
    // Every table the three stacks declare is among those searched.
    for (const st of Object.values(s)) for (const name of Object.values(st.tables)) expect([...tables.keys()]).toContain(name);
    const offenders: string[] = [];
    for (const [table, items] of tables) {
      for (const item of items) {
        searched.items++;
        const text = JSON.stringify(item);
        for (const secret of leaks(text)) offenders.push(`${table} ${String(item['pk'])}/${String(item['sk'])}: ${secret}`);
      }
    }
    console.log(`privacy: searched ${searched.items} items in ${tables.size} tables for ${secrets.size} secrets`);
    expect(searched.items).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it('holds none in any message still in a queue or dead-letter queue', async () => {
    const s = await statuses();
    const queues = await allMessages(s['demo']!.endpoints.sqs);
    // Both districts' queues and the city's, each with its dead-letter queue.
    expect(queues.size).toBeGreaterThanOrEqual(districts.length * 4 + 2);
    const offenders: string[] = [];
    for (const [url, messages] of queues) {
      for (const m of messages) {
        searched.messages++;
        for (const secret of leaks(m)) offenders.push(`${url}: ${secret}`);
      }
    }
    console.log(`privacy: searched ${searched.messages} messages in ${queues.size} queues`);
    // Each district's poisoned upload is in its scan-events dead-letter queue, read like the rest.
    for (const district of districts) expect(s[district]!.queues['scan-events']!.deadLettered, district).toBeGreaterThanOrEqual(1);
    expect(searched.messages).toBeGreaterThanOrEqual(districts.length);
    const dead = [...queues.values()].flat().filter((m) => m.includes('-poison-'));
    expect(dead.length).toBeGreaterThanOrEqual(districts.length);
    expect(offenders).toEqual([]);
  });

  it('sends none to the outbox, where the notifier put what it sent', async () => {
    for (const district of districts) {
      const sent = (await mount(`/districts/${district}`).get<{ items: { notificationId: string }[] }>('/local/outbox'));
      expect(sent.body.items.map((i) => i.notificationId)).toContain(`code-${district}-case-1`);
      expect(leaks(JSON.stringify(sent.body))).toEqual([]);
    }
  });

  it('logs none, at DEBUG, in any line of any stack process', () => {
    const lines = stack.output().split('\n').filter((l) => l.trim().length > 0);
    searched.logLines = lines.length;
    const offenders = lines.flatMap((line) => leaks(line).map((secret) => `${secret} in: ${line.slice(0, 300)}`));
    console.log(`privacy: searched ${searched.logLines} log lines (${stack.output().length} characters)`);
    expect(lines.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});

describe('what the city holds', () => {
  it('has aggregates only: no person field, and names only of units', async () => {
    const s = await statuses();
    const tables = await allItems(s['city']!.endpoints.dynamodb);
    const items = tables.get(s['city']!.tables['city']!)!;
    // The close reached the city: each district's closed days are there.
    for (const district of districts) for (const date of closedDays) expect(items.some((i) => JSON.stringify(i).includes(`"districtId":"${district}"`) && JSON.stringify(i).includes(date)), `${district} ${date}`).toBe(true);

    const unitNames = new Set<string>(['Demo City']);
    for (const r of Object.values(registries)) {
      unitNames.add(r.district.name);
      for (const list of [r.streets, r.communities, r.grids, r.buildings, r.checkpoints]) for (const u of list) unitNames.add(u.name);
    }
    const personKeys = new Set(['personId', 'householdId', 'buildingId', 'gridId', 'phone', 'idNumber', 'volunteerId', 'checkpointId', 'scanId', 'caseId']);
    const offenders: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
      if (value === null || typeof value !== 'object') return;
      for (const [key, v] of Object.entries(value)) {
        // Counters named after people (`keyPersonsFound`, `householdsVisited`) are aggregates, not fields of a person.
        if (personKeys.has(key) || /phone|idnumber|masked|^(person|household|building|volunteer)(id|s)?$/i.test(key)) offenders.push(`${path}.${key}`);
        if (key === 'name' && !unitNames.has(String(v))) offenders.push(`${path}.name = ${String(v)}`);
        walk(v, `${path}.${key}`);
      }
    };
    for (const item of items) walk(item, `${String(item['pk'])}/${String(item['sk'])}`);
    console.log(`privacy: city table has ${items.length} items`);
    expect(items.length).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
    expect(leaks(JSON.stringify(items))).toEqual([]);
  });
});

describe('retention', () => {
  it('gives every scan record and person scan an expiry within its district’s retention window', async () => {
    const s = await statuses();
    const tables = await allItems(s['demo']!.endpoints.dynamodb);
    const wrong: string[] = [];
    let checked = 0;
    for (const district of districts) {
      const items = tables.get(s[district]!.tables['scans']!)!;
      expect(items.some((i) => String(i['pk']).startsWith('K#')), `${district} packed scans`).toBe(true);
      expect(items.some((i) => String(i['pk']).startsWith('P#')), `${district} person scans`).toBe(true);
      const retention = retentionDays[district] * 86_400;
      for (const item of items) {
        checked++;
        const expiresAt = item['expiresAt'];
        const at = Math.floor(Date.parse(String(item['at'])) / 1000);
        if (typeof expiresAt !== 'number' || !Number.isInteger(expiresAt)) {
          wrong.push(`${district} ${String(item['pk'])}/${String(item['sk'])}: no expiresAt`);
          continue;
        }
        // A batch's marker holds no scan, only where its packs are, and is needed for minutes: kept a day.
        const window = String(item['pk']).startsWith('LIVE#') ? 86_400 : retention;
        // Kept for the window from the (earliest) scan, not from its upload, and not a second longer.
        if (!(expiresAt > at && expiresAt - at <= window && expiresAt - at > window - 86_400)) {
          wrong.push(`${district} ${String(item['pk'])}/${String(item['sk'])}: expiresAt - at = ${expiresAt - at}s, window ${window}s`);
        }
        if (expiresAt * 1000 <= Date.now()) wrong.push(`${district} ${String(item['pk'])}: already expired`);
      }
    }
    console.log(`privacy: checked the expiry of ${checked} scan items`);
    expect(wrong).toEqual([]);
  });
});

afterAll(() => console.log(`privacy: searched ${searched.items} items, ${searched.messages} messages, ${searched.logLines} log lines`));
