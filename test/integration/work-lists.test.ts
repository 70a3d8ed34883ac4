import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RouteResponse } from '@firstline/schemas';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { poll } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

/**
 * The work lists (issue 15, §3) over HTTP, for one seeded situation: three residents, one per grid;
 * an open case in each grid (home quarantine in g1, central in g2, none in g3) and a released one;
 * fevers at the gates of g1 and g2 today, one of g1 older than 48 h and a normal temperature in g3;
 * a log from g2 only. The district's deadline is midnight (so today's is past) and a home
 * quarantine lasts one day (so g1's ends within 48 h).
 */
type FeverList = RouteResponse<'GET /v1/work-lists/fever-scans'>;
type OpenCases = RouteResponse<'GET /v1/work-lists/open-cases'>;
type Ending = RouteResponse<'GET /v1/work-lists/quarantines-ending'>;
type Unreported = RouteResponse<'GET /v1/work-lists/unreported-grids'>;

const zone = 'Asia/Shanghai';
const dayIn = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(at);
const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const today = dayIn(now);

let stack: RunningStack;
let command: FirstlineClient;
let workerG1: FirstlineClient;
const people: Record<'g1' | 'g2' | 'g3', { personId: string; idNumber: string }> = {} as never;
const names = { g1: '李小龙', g2: '王大锤', g3: '赵子龙' } as const;
const masked = { g1: '李**', g2: '王**', g3: '赵**' } as const;
const cases = {
  g1: { caseId: 'wl-home', category: 'close-contact', quarantine: 'home', reportedAt: at(60) },
  g2: { caseId: 'wl-central', category: 'suspected', quarantine: 'central', reportedAt: at(120) },
  g3: { caseId: 'wl-none', category: 'fever-unexcluded', quarantine: 'none', reportedAt: at(30 * 60) },
} as const;

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.as('admin');
  const registry = { ...smallRegistry, district: { ...smallRegistry.district, policy: { reportingDeadline: '00:00', quarantineDays: { home: 1, central: 10 } } } };
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);
  const worker = await stack.as('grid-worker');
  for (const [grid, building] of [['g1', 'b1'], ['g2', 'b2'], ['g3', 'b3']] as const) {
    const resident = { ...newResident(building), name: names[grid] };
    const registered = await worker.post<{ personId: string }>('/v1/residents', resident);
    expect(registered.status).toBe(201);
    people[grid] = { personId: registered.body.personId, idNumber: resident.idNumber };
    expect((await worker.post('/v1/cases', { ...cases[grid], personId: registered.body.personId })).status).toBe(201);
  }
  expect((await worker.post('/v1/cases', { caseId: 'wl-released', personId: people.g1.personId, category: 'close-contact', quarantine: 'none', reportedAt: at(90) })).status).toBe(201);
  expect((await worker.post('/v1/cases/wl-released/release', { releasedAt: at(1) })).status).toBe(200);
  const scanner = await stack.as('scanner');
  const scan = (scanId: string, checkpointId: string, grid: 'g1' | 'g2' | 'g3', temperatureC: number, scannedAt: string) =>
    ({ scanId, checkpointId, idNumber: people[grid].idNumber, direction: 'in', temperatureC, scannedAt });
  expect((await scanner.post('/v1/scans', {
    scans: [
      scan('wl-f1', 'cp1', 'g1', 38.5, at(10)), scan('wl-f2', 'cp2', 'g2', 39.1, at(5)),
      scan('wl-old', 'cp1', 'g1', 38.9, at(50 * 60)), scan('wl-ok', 'cp3', 'g3', 36.5, at(3)),
    ],
  })).status).toBe(200);
  expect((await worker.post('/v1/grid-logs', {
    logId: 'wl-log', gridId: 'g2', date: today, householdsVisited: 4, residentsScreened: 9, disinfectionRounds: 2, masksDistributed: 20, keyPersonsFound: 0,
  })).status).toBe(201);
  command = await stack.as('command');
  workerG1 = await stack.as('grid-worker', ['g1']);
  await poll(async () => (await command.get<FeverList>('/v1/work-lists/fever-scans')).body, (l) => l.items.length >= 2, 'both fevers on the list');
}, 120_000);
afterAll(() => stack.stop());

const fever = (scanId: string, grid: 'g1' | 'g2', checkpointId: string, temperatureC: number, scannedAt: string) => ({
  scanId, gridId: grid, gridName: `Grid ${grid.slice(1)}`, checkpointId, checkpointName: smallRegistry.checkpoints.find((c) => c.id === checkpointId)!.name, at: scannedAt, temperatureC, person: { personId: people[grid].personId, nameMasked: masked[grid], buildingId: `b${grid.slice(1)}` },
});

describe('work lists', () => {
  it('lists the fevers at the gates of the last 48 h not yet followed up: the district for the command center, their own grids for a grid worker', async () => {
    const all = await command.get<FeverList>('/v1/work-lists/fever-scans');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ items: [fever('wl-f1', 'g1', 'cp1', 38.5, at(10)), fever('wl-f2', 'g2', 'cp2', 39.1, at(5))] });
    expect((await workerG1.get<FeverList>('/v1/work-lists/fever-scans')).body).toEqual({ items: [fever('wl-f1', 'g1', 'cp1', 38.5, at(10))] });
    expect((await workerG1.get('/v1/work-lists/fever-scans?gridId=g2')).status).toBe(403);
    // Page by page, one at a time: the cursor goes on where the page ended.
    const first = await command.get<FeverList>('/v1/work-lists/fever-scans?limit=1');
    expect(first.body.items.map((i) => i.scanId)).toEqual(['wl-f1']);
    const second = await command.get<FeverList>(`/v1/work-lists/fever-scans?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i) => i.scanId)).toEqual(['wl-f2']);
    const third = await command.get<FeverList>(`/v1/work-lists/fever-scans?limit=1&cursor=${second.body.nextCursor ?? ''}`);
    expect(second.body.nextCursor === undefined || third.body.items.length === 0).toBe(true);
  });

  it('lists open four-category persons grid by grid, with category, quarantine and days since reported', async () => {
    const item = (grid: 'g1' | 'g2' | 'g3') => ({
      caseId: cases[grid].caseId, gridId: grid, gridName: `Grid ${grid.slice(1)}`, category: cases[grid].category, quarantine: cases[grid].quarantine,
      reportedAt: cases[grid].reportedAt, day: dayIn(Date.parse(cases[grid].reportedAt)),
      person: { personId: people[grid].personId, nameMasked: masked[grid], buildingId: `b${grid.slice(1)}` },
      daysSinceReported: Math.round((Date.parse(today) - Date.parse(dayIn(Date.parse(cases[grid].reportedAt)))) / 86_400_000),
    });
    expect((await command.get<OpenCases>('/v1/work-lists/open-cases')).body).toEqual({ date: today, items: [item('g1'), item('g2'), item('g3')] });
    const worker = await stack.as('grid-worker', ['g2', 'g3']);
    expect((await worker.get<OpenCases>('/v1/work-lists/open-cases')).body.items.map((i) => i.caseId)).toEqual(['wl-central', 'wl-none']);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await command.get<OpenCases>(`/v1/work-lists/open-cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.body.items.map((i) => i.caseId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([['wl-home', 'wl-central'], ['wl-none']]);
  });

  it('lists quarantines ending within 48 h, and grids not reported today once the deadline has passed', async () => {
    const ending = await command.get<Ending>('/v1/work-lists/quarantines-ending');
    expect(ending.body.items.map((i) => [i.caseId, i.endsAt, i.ended])).toEqual([['wl-home', new Date(Date.parse(cases.g1.reportedAt) + 86_400_000).toISOString(), false]]);
    expect((await (await stack.as('grid-worker', ['g2'])).get<Ending>('/v1/work-lists/quarantines-ending')).body.items).toEqual([]);
    const unreported = await command.get<Unreported>('/v1/work-lists/unreported-grids');
    expect(unreported.body).toMatchObject({ date: today, deadlinePassed: true });
    expect(unreported.body.items).toEqual([
      { gridId: 'g1', gridName: 'Grid 1', communityId: 'c1', communityName: 'Lotus Community', streetId: 's1' },
      { gridId: 'g3', gridName: 'Grid 3', communityId: 'c2', communityName: 'Maple Community', streetId: 's1' },
    ]);
    expect((await workerG1.get<Unreported>('/v1/work-lists/unreported-grids')).body.items.map((i) => i.gridId)).toEqual(['g1']);
  });

  it('answers CSV with a BOM, Chinese headers, or English ones with lang=en, masked as the JSON is', async () => {
    const zh = await command.get<string>('/v1/work-lists/open-cases', { accept: 'text/csv' });
    expect(zh.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = String(zh.body);
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('网格编号,网格,病例编号,类别,隔离方式,报告时间,报告日,人员编号,姓名（脱敏）,楼栋,报告后天数');
    expect(text).toContain('居家隔离');
    expect(text).toContain('李**');
    const en = String((await command.get('/v1/work-lists/fever-scans?lang=en', { accept: 'text/csv' })).body);
    expect(en.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('gridId,gridName,scanId,checkpointId,checkpointName,at,temperatureC,person.personId,person.nameMasked,person.buildingId');
    for (const body of [text, en, JSON.stringify((await command.get('/v1/work-lists/fever-scans')).body)]) {
      for (const name of Object.values(names)) expect(body).not.toContain(name);
    }
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const workerG2 = await stack.as('grid-worker', ['g2']);
    for (const body of [{ gridId: 'g2', outcome: 'done' }, { gridId: 'g2' }, { gridId: 'g2', outcome: 'case', extra: 1 }]) {
      expect((await workerG2.post('/v1/work-lists/fever-scans/wl-f2/follow-up', body)).status).toBe(400);
    }
    for (const query of ['limit=0', 'limit=abc', 'limit=500', 'cursor=bm90LWEtY3Vyc29y', 'cursor=a%23b', 'gridId=g%231']) {
      expect((await command.get(`/v1/work-lists/open-cases?${query}`)).status, query).toBe(400);
    }
    expect((await command.get('/v1/work-lists/fever-scans?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
    expect((await command.get('/v1/work-lists/unreported-grids?cursor=bm90LWEtZ3JpZA')).status).toBe(400);
    expect((await command.get<FeverList>('/v1/work-lists/fever-scans')).body.items.map((i) => i.scanId)).toEqual(['wl-f1', 'wl-f2']);
  });

  it('takes a followed-up fever off the list; a second follow-up changes nothing; only the grid\'s worker may', async () => {
    expect((await command.post('/v1/work-lists/fever-scans/wl-f1/follow-up', { gridId: 'g1', outcome: 'followed-up' })).status).toBe(403);
    expect((await workerG1.post('/v1/work-lists/fever-scans/wl-f2/follow-up', { gridId: 'g2', outcome: 'followed-up' })).status).toBe(403);
    expect((await workerG1.post('/v1/work-lists/fever-scans/nope/follow-up', { gridId: 'g1', outcome: 'followed-up' })).status).toBe(404);
    const done = await workerG1.post<RouteResponse<'POST /v1/work-lists/fever-scans/{scanId}/follow-up'>>('/v1/work-lists/fever-scans/wl-f1/follow-up', { gridId: 'g1', outcome: 'followed-up' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ scanId: 'wl-f1', gridId: 'g1', followUp: { outcome: 'followed-up' } });
    expect((await command.get<FeverList>('/v1/work-lists/fever-scans')).body.items.map((i) => i.scanId)).toEqual(['wl-f2']);
    const again = await workerG1.post<RouteResponse<'POST /v1/work-lists/fever-scans/{scanId}/follow-up'>>('/v1/work-lists/fever-scans/wl-f1/follow-up', { gridId: 'g1', outcome: 'case' });
    expect(again.status).toBe(200);
    expect(again.body.followUp).toEqual(done.body.followUp);
    expect((await command.get<FeverList>('/v1/work-lists/fever-scans')).body.items.map((i) => i.scanId)).toEqual(['wl-f2']);
    const turned = await (await stack.as('grid-worker', ['g2'])).post<RouteResponse<'POST /v1/work-lists/fever-scans/{scanId}/follow-up'>>(
      '/v1/work-lists/fever-scans/wl-f2/follow-up', { gridId: 'g2', outcome: 'case' });
    expect(turned.body.followUp?.outcome).toBe('case');
    expect((await command.get<FeverList>('/v1/work-lists/fever-scans')).body).toEqual({ items: [] });
  });
});
