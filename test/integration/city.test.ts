import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirstlineClient } from '@firstline/client';
import type { Figures as ExactFigures } from '@firstline/domain';
import { addDays, dayOf, defaultPolicy, withSmallCellsHidden } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

type Figures = Record<'scans' | 'cases' | 'screening' | 'hygiene' | 'deliveries' | 'reporting' | 'epidemicFree', Record<string, unknown>>;
type Row = Figures & { level: string; id: string; name: string; date: string; final: boolean };
type CityReport = Row & { missingDistricts: string[]; children: Row[] };

/**
 * A week of activity in two districts of different shape, each day closed, sent to the city. The
 * week ends two days ago; the districts' policy opens their backlog window to ten days so that it
 * can be entered now (every client time is bounded by it).
 */
const districts = ['demo', 'riverside'] as const;
const firstDay = addDays(dayOf(new Date(), 'Asia/Shanghai'), -8);
const week = Array.from({ length: 7 }, (_, i) => addDays(firstDay, i));
const lastDay = week.at(-1)!;
const posted = new Map<string, { in: number; out: number }>();
const residents: { idNumber: string; phone: string }[] = [];

let stack: RunningStack;
let cityCommand: FirstlineClient;
const districtClient = (district: string) => new FirstlineClient({ baseUrl: `${stack.url}/districts/${district}` });
const asDistrict = async (district: string, role: string, scopes = ['*']) => {
  const anonymous = districtClient(district);
  return anonymous.withToken(await anonymous.localToken({ role, district, scopes }));
};
const cityReport = async (date: string) => (await cityCommand.call('GET /v1/city/reports/daily', { query: { date } })).body as CityReport;
const districtReport = async (district: string, date: string, client?: FirstlineClient) =>
  (client ?? (await asDistrict(district, 'command'))).get<Row & { children: Row[] }>(`/v1/reports/daily?level=district&id=${district}&date=${date}`);
// Care is the care report's, not the daily report's: the city's is checked on its own below.
const figures = ({ level: _l, id: _i, name: _n, date: _d, final: _f, children: _c, missingDistricts: _m, zeroStreakDays: _z, care: _care, ...rest }: Record<string, unknown>) => rest;
const cityDrained = async () => drained({ ...stack, client: new FirstlineClient({ baseUrl: `${stack.url}/city` }) });

async function activity(district: string, date: string, dayIndex: number): Promise<void> {
  const worker = await asDistrict(district, 'grid-worker');
  const scanner = await asDistrict(district, 'scanner');
  // Riverside's third grid never reports; demo's misses one day.
  const reporting = district === 'demo' ? (dayIndex === 3 ? ['g1', 'g2'] : ['g1', 'g2', 'g3']) : ['g1', 'g2'];
  for (const gridId of reporting) {
    expect((await worker.post('/v1/grid-logs', {
      logId: `${district}-${gridId}-${date}`, gridId, date, householdsVisited: 10 + dayIndex, residentsScreened: 20, disinfectionRounds: 2, masksDistributed: 30, keyPersonsFound: 0,
    })).status).toBe(201);
  }
  if (district === 'riverside' && dayIndex === 2) {
    const resident = newResident('b3');
    residents.push(resident);
    const person = await worker.post<{ personId: string }>('/v1/residents', resident);
    expect((await worker.post('/v1/cases', { caseId: `case-${date}`, personId: person.body.personId, category: 'close-contact', reportedAt: `${date}T10:00:00+08:00`, quarantine: 'home' })).status).toBe(201);
  }
  const count = district === 'demo' ? 6 + dayIndex : 3;
  const scans = Array.from({ length: count }, (_, i) => ({
    scanId: `${district}-${date}-${i}`, checkpointId: `cp${1 + (i % 3)}`, idNumber: `11010119000101${String(1000 + i)}`,
    direction: i % 2 ? 'out' : 'in', temperatureC: 36.5, scannedAt: `${date}T09:${String(10 + i).padStart(2, '0')}:00+08:00`,
  }));
  expect((await scanner.post('/v1/scans', { scans })).status).toBe(200);
  posted.set(`${district}/${date}`, { in: scans.filter((s) => s.direction === 'in').length, out: scans.filter((s) => s.direction === 'out').length });
}

beforeAll(async () => {
  stack = await startStack({ city: true, env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2' } });
  cityCommand = stack.client.withToken(await stack.client.localToken({ role: 'command', district: 'city', scopes: ['*'] }));
  for (const district of districts) {
    const registry = { ...smallRegistry, district: { ...smallRegistry.district, id: district, name: `${district} district`, policy: { epidemicFreeDays: 2, backlogHours: 240 } } };
    expect((await (await asDistrict(district, 'admin')).put('/v1/registry', registry)).status).toBe(200);
    for (const [i, date] of week.entries()) await activity(district, date, i);
    await drained({ ...stack, client: districtClient(district) });
  }
  // Riverside has not closed the last day yet: the city must say so.
  for (const district of districts) {
    const admin = await asDistrict(district, 'admin');
    for (const date of district === 'riverside' ? week.slice(0, -1) : week) expect((await admin.closeDay(date)).status).toBe(200);
  }
  await cityDrained();
}, 180_000);
afterAll(() => stack.stop());

describe('the city stack', () => {
  it("keeps each district's closed days: every figure equals the district's own report, and the events posted", async () => {
    for (const date of week.slice(0, -1)) {
      const city = await cityReport(date);
      expect(city.children.map((c) => c.id)).toEqual([...districts]);
      for (const district of districts) {
        const own = (await districtReport(district, date)).body;
        const row = city.children.find((c) => c.id === district)!;
        // The city is outside the district: its counts of persons from 1 to k − 1 read "<k".
        expect(figures(row), `${district} ${date}`).toEqual(figures(withSmallCellsHidden(own as unknown as ExactFigures, defaultPolicy.smallCellK)));
        expect(own.scans).toMatchObject(posted.get(`${district}/${date}`)!);
        expect(own.scans['in'], 'district = sum of its streets').toBe(own.children.reduce((s, c) => s + Number(c.scans['in']), 0));
      }
    }
  });

  it('totals every figure over its districts', async () => {
    const city = await cityReport(addDays(firstDay, 2));
    const sum = (group: keyof Figures, field: string) => city.children.reduce((s, c) => s + Number(c[group][field]), 0);

    for (const [group, fields] of Object.entries({ scans: ['in', 'out', 'denied', 'fever'], cases: ['suspected'], screening: ['householdsVisited'], hygiene: ['disinfectionRounds'], reporting: ['grids', 'reported', 'onTime', 'flaggedLogs'] })) {
      for (const field of fields) expect(city[group as keyof Figures][field], `${group}.${field}`).toBe(sum(group as keyof Figures, field));
    }
    // One close contact in the whole city that day: a small cell, shown as "<3" to the city.
    expect(city.cases['closeContact']).toBe('<3');
    expect((await districtReport('riverside', addDays(firstDay, 2))).body.cases['closeContact'], 'exact for the district').toBe(1);
    // The week was entered after the fact: every log came after its day's deadline.
    expect(city.reporting).toEqual({ grids: 6, reported: 5, onTime: 0, flaggedLogs: 0 });
    expect(city.epidemicFree['percent']).toBe(Math.round((sum('epidemicFree', 'free') / 6) * 1000) / 10);
    expect(city).toMatchObject({ final: true, missingDistricts: [] });

    const csv = await cityCommand.get<string>(`/v1/city/reports/daily?date=${addDays(firstDay, 2)}`, { accept: 'text/csv', 'accept-language': 'en' });
    const [header, ...rows] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toMatch(/^level,id,name,date,final,scans\.in,/);
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['district,demo', 'district,riverside']);
  });

  it('shows counts of persons below k as "<k" to the city, in its reports and its exports and in a district\'s own report it reads, and exactly to the district', async () => {
    const date = addDays(firstDay, 2);
    const cityReadingRiverside = districtClient('riverside').withToken(await stack.client.localToken({ role: 'command', district: 'city', scopes: ['*'] }));
    const exact = (await (await asDistrict('riverside', 'command')).get<Row>(`/v1/reports/daily?level=grid&id=g3&date=${date}`)).body;
    const outside = (await cityReadingRiverside.get<Row & { children: Row[] }>(`/v1/reports/daily?level=district&id=riverside&date=${date}`)).body;
    const grid = (await cityReadingRiverside.get<Row>(`/v1/reports/daily?level=grid&id=g3&date=${date}`)).body;
    const series = (await cityReadingRiverside.get<{ days: Row[] }>(`/v1/reports/series?level=grid&id=g3&from=${date}&to=${date}`)).body;

    expect(exact.cases['closeContact']).toBe(1);
    expect([grid.cases['closeContact'], outside.cases['closeContact'], series.days[0]!.cases['closeContact']]).toEqual(['<3', '<3', '<3']);
    expect(outside.children.map((c) => c.cases['closeContact'])).not.toContain(1);
    expect(grid.scans['in']).toBe(exact.scans['in']);
    const csv = await cityCommand.get<string>(`/v1/city/reports/daily?date=${date}`, { accept: 'text/csv', 'accept-language': 'en' });
    const [header, ...rows] = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    const column = header!.split(',').indexOf('cases.closeContact');
    expect(rows.map((r) => r.split(',')[column])).toEqual(['0', '<3']);
  });

  it("serves the city's trend: each day of the series is that day's report without its district rows", async () => {
    const series = (await cityCommand.call('GET /v1/city/reports/series', { query: { from: firstDay, to: addDays(lastDay, -1) } })).body as { days: Row[] };

    expect(series.days.map((d) => d.date)).toEqual(week.slice(0, -1));
    for (const day of series.days) {
      const { children: _children, ...daily } = await cityReport(day.date);
      expect(day).toEqual(daily);
    }
  });

  it('names a district that has not closed the day, and completes when it does', async () => {
    expect(await cityReport(lastDay)).toMatchObject({ final: false, missingDistricts: ['riverside'], children: [{ id: 'demo' }] });

    expect((await (await asDistrict('riverside', 'admin')).closeDay(lastDay)).status).toBe(200);
    await cityDrained();

    expect(await cityReport(lastDay)).toMatchObject({ final: true, missingDistricts: [], children: [{ id: 'demo' }, { id: 'riverside' }] });
  });

  it('changes nothing when a day is closed again, and takes a revised day when a late case arrives', async () => {
    const date = addDays(firstDay, 1);
    const before = await cityReport(date);
    const demoAdmin = await asDistrict('demo', 'admin');
    expect((await demoAdmin.closeDay(date)).status).toBe(200);
    await cityDrained();
    expect(await cityReport(date)).toEqual(before);

    const worker = await asDistrict('demo', 'grid-worker');
    const resident = newResident('b1');
    residents.push(resident);
    const person = await worker.post<{ personId: string }>('/v1/residents', resident);
    expect((await worker.post('/v1/cases', { caseId: 'late-case', personId: person.body.personId, category: 'suspected', reportedAt: `${date}T18:00:00+08:00`, quarantine: 'central' })).status).toBe(201);
    expect((await demoAdmin.closeDay(date)).status).toBe(200);
    await cityDrained();

    // No suspected person that day before; one now: the city sees the revision, as a small cell.
    const after = await cityReport(date);
    expect([before.cases['suspected'], after.cases['suspected']]).toEqual([0, '<3']);
    expect(after.children.find((c) => c.id === 'demo')!.cases['suspected']).toBe('<3');
    expect((await districtReport('demo', date)).body.cases['suspected']).toBe(1);
  });

  it("carries each district's care of the day as counts: urgent requests and their steps, summed for the city, the median over both", async () => {
    const today = dayOf(new Date(), 'Asia/Shanghai');
    const neededAt = new Date().toISOString();
    for (const [district, requests] of [['demo', ['b1-h1', 'b1-h2']], ['riverside', ['b1-h3']]] as const) {
      const worker = await asDistrict(district, 'grid-worker');
      for (const householdId of requests) {
        const opened = await worker.post('/v1/urgent-requests', { requestId: `care-${householdId}`, householdId, buildingId: 'b1', kind: 'dialysis', neededAt });
        expect(opened.status).toBe(201);
      }
      expect((await worker.post(`/v1/urgent-requests/care-${requests[0]}/steps`, { step: 'acknowledged' })).status).toBe(200);
      expect((await (await asDistrict(district, 'admin')).closeDay(today)).status).toBe(200);
    }
    await cityDrained();

    type Care = { care: { urgent: Record<string, unknown> } };
    const city = (await cityCommand.call('GET /v1/city/reports/daily', { query: { date: today } })).body as Care & { children: Care[] };
    expect(city.care.urgent).toEqual({ opened: 3, acknowledged: 2, arranged: 0, escalated: 0, medianMinutesToAcknowledge: 0, medianMinutesToArrange: null });
    expect(city.children.map((c) => c.care.urgent['opened'])).toEqual([2, 1]);
    expect(JSON.stringify(city.care)).not.toMatch(/b1-h|care-/);
  });

  it('holds aggregates only: no person field or value in the city table or its answers, and refuses a message that carries one', async () => {
    const lab = await emulatorClients({ ...stack, client: new FirstlineClient({ baseUrl: `${stack.url}/city` }) });
    const queueUrl = (await lab.sqs.send(new GetQueueUrlCommand({ QueueName: 'firstline-city-city-rollup' }))).QueueUrl!;
    const valid = (await lab.documents.send(new ScanCommand({ TableName: lab.tables['city'] }))).Items!.find((i) => i['sk'] === 'DISTRICT#demo')!['day'] as Record<string, unknown>;
    await lab.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ ...valid, date: '2020-01-01', personId: 'p-123' }) }));
    await lab.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ ...valid, date: '2020-01-02', districtId: 'elsewhere' }) }));
    await expect.poll(async () => (await (await new FirstlineClient({ baseUrl: `${stack.url}/city` }).get<{ queues: Record<string, { deadLettered: number }> }>('/local/status')).body.queues['city-rollup']!.deadLettered), { timeout: 60_000, interval: 500 }).toBe(2);

    const items = (await lab.documents.send(new ScanCommand({ TableName: lab.tables['city'] }))).Items!;
    const text = JSON.stringify([items, await cityReport(addDays(firstDay, 2))]);
    expect(items.some((i) => String(i['pk']).startsWith('DAY#2020-01-0'))).toBe(false);
    for (const key of ['personId', 'idNumber', 'phone', 'householdId', 'buildingId', 'gridId', 'nameMasked', 'volunteerId']) expect(text).not.toContain(`"${key}"`);
    for (const r of residents) {
      expect(text).not.toContain(r.idNumber);
      expect(text).not.toContain(r.phone);
    }
    lab.close();
  }, 90_000);

  it("lets the city's command token read its districts, and nothing else cross a line", async () => {
    const cityAsDistrict = districtClient('riverside').withToken(await stack.client.localToken({ role: 'command', district: 'city', scopes: ['*'] }));
    const cityAdmin = districtClient('demo').withToken(await stack.client.localToken({ role: 'admin', district: 'city', scopes: ['*'] }));
    const demoCommand = stack.client.withToken(await stack.client.localToken({ role: 'command', district: 'demo', scopes: ['*'] }));

    expect((await districtReport('riverside', firstDay, cityAsDistrict)).status).toBe(200);
    expect((await cityAdmin.closeDay(firstDay)).status).toBe(403);
    expect((await demoCommand.get(`/v1/city/reports/daily?date=${firstDay}`)).status).toBe(403);
    expect((await cityCommand.get('/v1/city/reports/daily?date=2020-13-01')).status).toBe(400);
  });

  it('serves its own OpenAPI document without a token', async () => {
    const doc = await new FirstlineClient({ baseUrl: `${stack.url}/city` }).get<{ info: { title: string }; paths: Record<string, unknown> }>('/openapi.json');

    expect(doc.status).toBe(200);
    expect(doc.body.info.title).toBe('Firstline city API');
    expect(Object.keys(doc.body.paths).sort()).toEqual(['/openapi.json', '/v1/city/reports/daily', '/v1/city/reports/series']);
  });
});
