import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { addDays, dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

interface Row {
  level: string;
  id: string;
  final: boolean;
  scans: { in: number; out: number; denied: number; denyReasons: Record<string, number>; fever: number };
  cases: Record<string, number>;
  hygiene: { disinfectionRounds: number };
  reporting: { grids: number; reported: number };
  epidemicFree: { grids: number; free: number; percent: number };
  zeroStreakDays?: number;
}
interface Report extends Row {
  children: Row[];
}

/** Yesterday, in the district's zone: inside the backlog window, so its events can still be sent, and closable. */
const date = addDays(dayOf(new Date(), 'Asia/Shanghai'), -1);
let stack: RunningStack;
let admin: FirstlineClient;
let command: FirstlineClient;

const report = async (level: string, id: string, client = command) => client.get<Report>(`/v1/reports/daily?level=${level}&id=${id}&date=${date}`);

beforeAll(async () => {
  stack = await startStack({ env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2' } });
  admin = await stack.as('admin');
  const policy = { epidemicFreeDays: 1, minDisinfectionRounds: 2 };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy } })).status).toBe(200);
  const worker = await stack.as('grid-worker', ['*']);
  const scanner = await stack.as('scanner', ['*']);
  command = await stack.as('command', ['*']);
  for (const gridId of ['g1', 'g2']) {
    expect((await worker.post('/v1/grid-logs', { logId: `log-${gridId}`, gridId, date, householdsVisited: 10, residentsScreened: 20, disinfectionRounds: 2, masksDistributed: 30, keyPersonsFound: 0 })).status).toBe(201);
    // A log for yesterday is late by now: it counts for the streak only with an admin's approval.
    expect((await admin.post(`/v1/admin/grid-logs/log-${gridId}/approve`, { reason: 'sent late: the grid office lost power' })).status).toBe(200);
  }
  const resident = newResident('b2');
  const person = await worker.post<{ personId: string }>('/v1/residents', resident);
  expect((await worker.post('/v1/cases', { caseId: 'report-case', personId: person.body.personId, category: 'suspected', reportedAt: `${date}T10:00:00+08:00`, quarantine: 'central' })).status).toBe(201);
  const scans = [
    ...Array.from({ length: 5 }, (_, i) => ({ scanId: `r-g1-${i}`, checkpointId: 'cp1', idNumber: `11010119000101${1000 + i}`, direction: 'in', temperatureC: i === 0 ? 38 : 36.5, scannedAt: `${date}T09:0${i}:00+08:00` })),
    ...Array.from({ length: 3 }, (_, i) => ({ scanId: `r-g3-${i}`, checkpointId: 'cp3', idNumber: `11010119000101${2000 + i}`, direction: 'out', temperatureC: 36.5, scannedAt: `${date}T11:0${i}:00+08:00` })),
  ];
  expect((await scanner.post('/v1/scans', { scans })).status).toBe(200);
  await drained(stack);
  expect((await admin.closeDay(date)).status).toBe(200);
});
afterAll(() => stack.stop());

describe('GET /v1/reports/daily', () => {
  it('rolls grids up to communities, the street and the district: each total is the sum of its children', async () => {
    const district = (await report('district', 'demo')).body;
    const street = (await report('street', 's1')).body;
    const c1 = (await report('community', 'c1')).body;

    expect(district.children.map((c) => c.id)).toEqual(['s1']);
    expect(street.children.map((c) => c.id)).toEqual(['c1', 'c2']);
    for (const unit of [street, c1]) {
      for (const field of ['in', 'out', 'denied', 'fever'] as const) {
        expect(unit.scans[field], `${unit.id} scans.${field}`).toBe(unit.children.reduce((s, c) => s + c.scans[field], 0));
      }
    }
    expect(district.scans).toMatchObject({ in: 5, out: 3, denied: 8, fever: 1, denyReasons: { 'unknown-person': 8 } });
    expect(district.cases).toMatchObject({ suspected: 1, confirmed: 0 });
    expect(district.hygiene.disinfectionRounds).toBe(4);
  });

  it('counts reporting and epidemic-free grids, with the share at every level', async () => {
    const district = (await report('district', 'demo')).body;
    const g1 = (await report('grid', 'g1')).body;
    const g2 = (await report('grid', 'g2')).body;

    // Yesterday's logs were sent today, after their deadline: reported (and approved), not on time.
    expect(district.reporting).toEqual({ grids: 3, reported: 2, onTime: 0, flaggedLogs: 0 });
    expect(district.epidemicFree).toEqual({ grids: 3, free: 1, percent: 33.3 });
    expect(g1).toMatchObject({ zeroStreakDays: 1, epidemicFree: { free: 1, percent: 100 }, final: true });
    expect(g2).toMatchObject({ zeroStreakDays: 0, epidemicFree: { free: 0 } });
  });

  it('answers CSV with one row per child, headed in Chinese unless the caller prefers English', async () => {
    const chinese = await command.get<string>(`/v1/reports/daily?level=street&id=s1&date=${date}`, { accept: 'text/csv' });
    expect(chinese.body.split('\r\n')[0]).toContain('进入扫码');

    const res = await command.get<string>(`/v1/reports/daily?level=street&id=s1&date=${date}`, { accept: 'text/csv', 'accept-language': 'en' });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('scans.in');
    expect(lines[1]).toMatch(new RegExp(`^community,c1,Lotus Community,${date},true,5,0,`));
  });

  it('lets a grid worker read only units whose grids are all theirs', async () => {
    const worker = await stack.as('grid-worker', ['g1']);

    expect((await report('grid', 'g1', worker)).status).toBe(200);
    expect((await report('community', 'c1', worker)).status).toBe(403);
    expect((await report('grid', 'g2', worker)).status).toBe(403);
  });

  it('answers unknown units with 404 and bad queries with 400', async () => {
    expect((await report('grid', 'nowhere')).status).toBe(404);
    const bad = await command.get('/v1/reports/daily?level=planet&id=x&date=2020-13-40');
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['level', 'date']));
  });

  it('gives a series of daily reports without children, and refuses more than 92 days', async () => {
    const series = await command.get<{ days: (Row & { date: string; children?: unknown })[] }>(`/v1/reports/series?level=district&id=demo&from=${addDays(date, -1)}&to=${addDays(date, 1)}`);
    const tooLong = await command.get('/v1/reports/series?level=district&id=demo&from=2020-01-01&to=2020-06-01');

    expect(series.status).toBe(200);
    expect(series.body.days.map((d) => [d.date, d.scans.in, d.children])).toEqual([[addDays(date, -1), 0, undefined], [date, 5, undefined], [addDays(date, 1), 0, undefined]]);
    expect(tooLong.status).toBe(400);
  });

  it('lists which grids and communities are epidemic-free', async () => {
    const grids = await command.get<{ total: number; free: number; percent: number; items: { id: string; free: boolean; streakDays: number; since?: string }[] }>(`/v1/reports/epidemic-free?level=grid&date=${date}`);
    const communities = await command.get<{ free: number; items: { id: string; free: boolean }[] }>(`/v1/reports/epidemic-free?level=community&date=${date}`);

    expect(grids.body).toMatchObject({ total: 3, free: 1, percent: 33.3 });
    expect(grids.body.items.find((i) => i.id === 'g1')).toEqual({ id: 'g1', name: 'Grid 1', free: true, streakDays: 1, since: date });
    expect(communities.body.free).toBe(0);
  });

  it('stops being final when a late upload lands on a closed day, and is final again once it is closed again', async () => {
    const scanner = await stack.as('scanner', ['*']);
    expect((await report('district', 'demo')).body.final).toBe(true);

    await scanner.post('/v1/scans', { scans: [{ scanId: 'late-1', checkpointId: 'cp1', idNumber: '110101190001019999', direction: 'in', temperatureC: 36.5, scannedAt: `${date}T20:00:00+08:00` }] });
    await drained(stack);
    const late = (await report('district', 'demo')).body;
    await admin.closeDay(date);
    const again = (await report('district', 'demo')).body;

    expect(late.final).toBe(false);
    expect(again.final).toBe(true);
    expect(again.scans.in).toBe(late.scans.in + 1);
  });
});
