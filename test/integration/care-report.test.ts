import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { addDays, dayOf } from '@firstline/domain';
import type { RouteResponse } from '@firstline/schemas';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

type Care = RouteResponse<'GET /v1/reports/care'>;

/**
 * The care report (issue 16 §5) over HTTP: urgent requests opened, acknowledged, arranged and
 * escalated, the median minutes to each step, care visits, per grid and rolled up; each counted
 * once whatever is sent again; today also what stands open now.
 */
let stack: RunningStack;
let worker: FirstlineClient;
let command: FirstlineClient;
const today = dayOf(new Date(), 'Asia/Shanghai');
/** When the watch runs, an hour on; an escalation counts on its own day, so after 23:00 in the district it is tomorrow's. */
const watchAt = new Date(Date.now() + 60 * 60_000);
const escalatedToday = dayOf(watchAt, 'Asia/Shanghai') === today ? 1 : 0;

const care = async (level: string, id: string, date = today) => {
  const res = await command.get<Care>(`/v1/reports/care?level=${level}&id=${id}&date=${date}`);
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
  worker = await stack.as('grid-worker');
  command = await stack.as('command');
  const neededAt = new Date().toISOString();
  const open = (requestId: string, householdId: string, buildingId: string, kind: string) => ({ requestId, householdId, buildingId, kind, neededAt });
  // g1: two requests, one acknowledged then arranged, one arranged straight away; g2: one left open.
  for (const body of [open('c-1', 'b1-h1', 'b1', 'labour'), open('c-2', 'b1-h2', 'b1', 'dialysis'), open('c-3', 'b2-h1', 'b2', 'other')]) {
    expect((await worker.post('/v1/urgent-requests', body)).status).toBe(201);
    // Sent again: the same request, counted once.
    expect((await worker.post('/v1/urgent-requests', body)).status).toBe(201);
  }
  expect((await worker.post('/v1/urgent-requests/c-1/steps', { step: 'acknowledged' })).status).toBe(200);
  expect((await worker.post('/v1/urgent-requests/c-1/steps', { step: 'acknowledged' })).status).toBe(200);
  expect((await worker.post('/v1/urgent-requests/c-1/steps', { step: 'arranged', how: 'ambulance' })).status).toBe(200);
  expect((await worker.post('/v1/urgent-requests/c-2/steps', { step: 'arranged', how: 'a volunteer driver' })).status).toBe(200);
  // The watch, as it would run an hour on: c-3 (other: acknowledged within 15 minutes) escalated to the street, once.
  const watch = () => stack.client.post('/local/schedules/watch-urgent-requests', { time: watchAt.toISOString() });
  await watch();
  await watch();
  // g3: a vulnerable household visited (and the same visit sent again), another never visited.
  for (const [householdId, buildingId] of [['b3-h1', 'b3'], ['b3-h2', 'b3']]) {
    expect((await worker.put(`/v1/households/${householdId}/needs`, { buildingId, needs: ['elderly-alone'] })).status).toBe(200);
  }
  const visit = { at: new Date().toISOString(), kind: 'visit', found: 'well' };
  expect((await worker.post('/v1/households/b3-h1/visits', visit)).status).toBe(200);
  expect((await worker.post('/v1/households/b3-h1/visits', visit)).status).toBe(200);
}, 120_000);
afterAll(() => stack.stop());

describe('GET /v1/reports/care', () => {
  it('counts each request, step, escalation and visit once, per grid, with the minutes to each step', async () => {
    const g1 = await care('grid', 'g1');
    expect(g1.urgent).toMatchObject({ opened: 2, acknowledged: 2, arranged: 2, escalated: 0 });
    // Steps taken within the test's first minute: zero whole minutes from opening.
    expect(g1.urgent).toMatchObject({ medianMinutesToAcknowledge: 0, medianMinutesToArrange: 0 });
    expect(g1.now).toEqual({ openUrgent: 0, overdueUrgent: 0, visitsDue: 0 });
    const g2 = await care('grid', 'g2');
    expect(g2.urgent).toMatchObject({ opened: 1, acknowledged: 0, arranged: 0, medianMinutesToAcknowledge: null });
    expect(g2.urgent.escalated).toBe(escalatedToday);
    expect(g2.now).toEqual({ openUrgent: 1, overdueUrgent: 0, visitsDue: 0 });
    const g3 = await care('grid', 'g3');
    expect(g3.visits).toEqual({ done: 1 });
    expect(g3.now).toMatchObject({ visitsDue: 1 });
  });

  it('rolls grids up to communities, the street and the district: each figure the sum of its children', async () => {
    const district = await care('district', 'demo');
    expect(district.urgent).toMatchObject({ opened: 3, acknowledged: 2, arranged: 2, escalated: escalatedToday });
    expect(district.visits.done).toBe(1);
    expect(district.now).toEqual({ openUrgent: 1, overdueUrgent: 0, visitsDue: 1 });
    const street = await care('street', 's1');
    expect(street.children.map((c) => [c.id, c.urgent.opened, c.visits.done])).toEqual([['c1', 3, 0], ['c2', 0, 1]]);
  });

  it('shows a past day without what stands now, and refuses a day to come and another grid worker', async () => {
    expect((await care('district', 'demo', addDays(today, -1))).now).toBeUndefined();
    expect((await command.get(`/v1/reports/care?level=district&id=demo&date=${addDays(today, 2)}`)).status).toBe(400);
    const other = await stack.as('grid-worker', ['g2']);
    expect((await other.get(`/v1/reports/care?level=grid&id=g1&date=${today}`)).status).toBe(403);
  });
});
