import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { urgentKinds } from '@firstline/domain';
import { urgentKind } from '@firstline/schemas';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

interface Urgent {
  requestId: string;
  gridId: string;
  openedAt: string;
  acknowledged?: { by: string };
  arranged?: { by: string; how: string };
  status: { stage: string; dueAt?: string; overdue: boolean; escalation: string };
  escalated?: { to: string; at: string };
}

let stack: RunningStack;
let worker: FirstlineClient;
let resident: FirstlineClient;
/** Needed now (the same instant for every request of the run, so a repeat is the same body). */
const neededAt = new Date().toISOString();
const open = (requestId: string, fields: Record<string, unknown> = {}) => ({ requestId, householdId: 'b1-h1', buildingId: 'b1', kind: 'labour', neededAt, ...fields });

beforeAll(async () => {
  stack = await startStack();
  const admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1']);
  const person = await worker.post<{ personId: string }>('/v1/residents', newResident('b1', 'b1-h1'));
  resident = await stack.as('resident', [person.body.personId]);
});
afterAll(() => stack.stop());

describe('urgent medical requests', () => {
  it('starts the clock when a resident opens one for their own household, and lists it for the grid', async () => {
    expect([...urgentKind.options]).toEqual([...urgentKinds]);
    const opened = await resident.post<Urgent>('/v1/urgent-requests', open('labour-1'));
    expect(opened.status).toBe(201);
    expect(opened.body.status).toMatchObject({ stage: 'waiting-acknowledgement', overdue: false, escalation: 'none' });
    expect(Date.parse(opened.body.status.dueAt!) - Date.parse(opened.body.openedAt)).toBe(5 * 60_000);
    const listed = await worker.get<{ items: Urgent[] }>('/v1/urgent-requests?gridId=g1');
    expect(listed.body.items.map((i) => i.requestId)).toContain('labour-1');
    // The same again is the same request; another body under its id a 409; another household 403.
    expect((await resident.post<Urgent>('/v1/urgent-requests', open('labour-1'))).body.openedAt).toBe(opened.body.openedAt);
    expect((await resident.post('/v1/urgent-requests', open('labour-1', { kind: 'other' }))).status).toBe(409);
    expect((await resident.post('/v1/urgent-requests', open('labour-2', { householdId: 'b1-h2' }))).status).toBe(403);
    expect((await worker.post('/v1/urgent-requests', open('far', { kind: 'dialysis', neededAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }))).status).toBe(400);
  });

  it('is acknowledged and arranged by named people, each step once, and leaves the list when arranged', async () => {
    expect((await worker.post<Urgent>('/v1/urgent-requests', open('stroke-1', { kind: 'chest-pain-stroke' }))).status).toBe(201);
    const token = await stack.client.localToken({ role: 'dispatcher', district: 'demo', scopes: ['g1'], sub: 'dispatcher-li' } as { role: string; district: string; scopes: string[] });
    const dispatcher = stack.client.withToken(token);
    const acknowledged = await dispatcher.post<Urgent>('/v1/urgent-requests/stroke-1/steps', { step: 'acknowledged' });
    expect(acknowledged.body).toMatchObject({ acknowledged: { by: 'dispatcher-li' }, status: { stage: 'waiting-arrangement' } });
    expect((await worker.post('/v1/urgent-requests/stroke-1/steps', { step: 'arranged' })).status, 'how is required').toBe(400);
    const arranged = await worker.post<Urgent>('/v1/urgent-requests/stroke-1/steps', { step: 'arranged', how: '120 ambulance' });
    expect(arranged.body).toMatchObject({ acknowledged: { by: 'dispatcher-li' }, arranged: { how: '120 ambulance' }, status: { stage: 'arranged' } });
    const again = await dispatcher.post<Urgent>('/v1/urgent-requests/stroke-1/steps', { step: 'arranged', how: 'taxi' });
    expect(again.body.arranged?.how).toBe('120 ambulance');
    const listed = await worker.get<{ items: Urgent[] }>('/v1/urgent-requests?gridId=g1');
    expect(listed.body.items.map((i) => i.requestId)).not.toContain('stroke-1');
    // Another grid's worker cannot act on it.
    expect((await (await stack.as('grid-worker', ['g2'])).post('/v1/urgent-requests/labour-1/steps', { step: 'acknowledged' })).status).toBe(403);
  });

  it('escalates a missed clock once a level as the watch runs, community then street, and stops once arranged', async () => {
    const opened = await worker.post<Urgent>('/v1/urgent-requests', open('labour-watch', { householdId: 'b1-h9' }));
    expect(opened.status).toBe(201);
    const openedAt = Date.parse(opened.body.openedAt);
    // The watch, as its schedule would run it at a given minute (labour: acknowledged within 5 minutes).
    const watch = async (minutes: number) => {
      const res = await stack.client.post<{ open: number; overdue: number; escalated: number }>('/local/schedules/watch-urgent-requests', { time: new Date(openedAt + minutes * 60_000).toISOString() });
      expect(res.status).toBe(200);
      return res.body;
    };
    const mine = async () => (await worker.get<{ items: Urgent[] }>('/v1/urgent-requests?gridId=g1')).body.items.find((i) => i.requestId === 'labour-watch')!;

    expect(await watch(4)).toMatchObject({ escalated: 0 });
    expect((await mine()).escalated).toBeUndefined();
    const late = await watch(6);
    expect(late.overdue).toBeGreaterThanOrEqual(1);
    expect(late.escalated).toBeGreaterThanOrEqual(1);
    expect((await mine()).escalated).toEqual({ to: 'community', at: new Date(openedAt + 6 * 60_000).toISOString() });
    // The watch running again (a retry, two at once) tells nobody twice.
    const [again, twice] = await Promise.all([watch(7), watch(7)]);
    expect((await mine()).escalated?.to).toBe('community');
    expect(again.escalated + twice.escalated).toBe(0);
    await watch(12);
    expect((await mine()).escalated).toEqual({ to: 'street', at: new Date(openedAt + 12 * 60_000).toISOString() });

    expect((await worker.post('/v1/urgent-requests/labour-watch/steps', { step: 'arranged', how: 'ambulance 120' })).status).toBe(200);
    const after = await watch(30);
    expect(after.open).toBe(late.open - 1);
    expect((await stack.client.post('/local/schedules/no-such-job', {})).status).toBe(404);
  });

  it('lists the district\'s open requests for the command center and a grid worker\'s own grids when no grid is named', async () => {
    const command = await stack.as('command');
    const district = await command.get<{ items: Urgent[] }>('/v1/urgent-requests');
    expect(district.status).toBe(200);
    expect(district.body.items.map((i) => i.requestId)).toContain('labour-1');
    const other = await stack.as('grid-worker', ['g2']);
    expect((await other.get<{ items: Urgent[] }>('/v1/urgent-requests')).body.items).toEqual([]);
    expect((await other.get('/v1/urgent-requests?gridId=g1')).status).toBe(403);
  });

  it('opens each dialysis session of the next 12 hours once, however often the hourly job runs', async () => {
    // A session every day, six hours from now in the district's time.
    const inSix = new Date(Date.now() + 6 * 3_600_000);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(inSix);
    const needs = { buildingId: 'b1', needs: ['dialysis'], dialysis: { weekdays: [1, 2, 3, 4, 5, 6, 7], time } };
    expect((await worker.put('/v1/households/b1-h7/needs', needs)).status).toBe(200);
    expect((await worker.put('/v1/households/b1-h8/needs', { ...needs, needs: ['elderly-alone'] })).status).toBe(400);

    const run = async () => (await stack.client.post<{ sessions: number; opened: number }>('/local/schedules/recurring-requests', {})).body;
    const first = await run();
    const [second, third] = await Promise.all([run(), run()]);
    expect(first).toMatchObject({ sessions: 1, opened: 1 });
    expect([second, third]).toMatchObject([{ sessions: 1, opened: 0 }, { sessions: 1, opened: 0 }]);
    const sessions = (await worker.get<{ items: (Urgent & { kind: string; householdId: string; neededAt: string; openedBy: string })[] }>('/v1/urgent-requests?gridId=g1')).body.items
      .filter((i) => i.householdId === 'b1-h7');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ kind: 'dialysis', openedBy: 'schedule', status: { stage: 'waiting-acknowledgement' } });
    expect(Math.abs(Date.parse(sessions[0]!.neededAt) - inSix.getTime())).toBeLessThan(60_000);
  });

  it('is opened by a gate keeper at their gate for a building behind it, and by nobody for another gate\'s compound', async () => {
    const gate = await stack.as('scanner', ['cp1']);
    const atGate = await gate.post<Urgent>('/v1/urgent-requests', open('gate-labour', { householdId: 'b1-h5', checkpointId: 'cp1' }));
    expect(atGate.status).toBe(201);
    expect(atGate.body.gridId).toBe('g1');
    expect((await gate.post('/v1/urgent-requests', open('gate-nogate', { householdId: 'b1-h5' }))).status).toBe(400);
    // Another gate than the token's, or a building behind another gate: refused, nothing opened.
    expect((await gate.post('/v1/urgent-requests', open('gate-other', { householdId: 'b2-h5', buildingId: 'b2', checkpointId: 'cp2' }))).status).toBe(403);
    expect((await gate.post('/v1/urgent-requests', open('gate-behind', { householdId: 'b2-h5', buildingId: 'b2', checkpointId: 'cp1' }))).status).toBe(400);
    const command = await stack.as('command');
    const ids = (await command.get<{ items: Urgent[] }>('/v1/urgent-requests')).body.items.map((i) => i.requestId);
    expect(ids).toContain('gate-labour');
    expect(ids.filter((i) => i.startsWith('gate-'))).toEqual(['gate-labour']);
  });

  it('is opened at the gate for the person just scanned: their household is found, and only behind that gate', async () => {
    const gate = await stack.as('scanner', ['cp1']);
    const behind = (await worker.post<{ personId: string }>('/v1/residents', newResident('b1', 'b1-h8'))).body.personId;
    const elsewhere = (await (await stack.as('grid-worker', ['g2'])).post<{ personId: string }>('/v1/residents', newResident('b2', 'b2-h8'))).body.personId;
    const byPerson = (requestId: string, personId: string) => ({ requestId, personId, kind: 'chest-pain-stroke', neededAt, checkpointId: 'cp1' });
    const opened = await gate.post<Urgent & { householdId: string; buildingId: string }>('/v1/urgent-requests', byPerson('gate-person', behind));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ householdId: 'b1-h8', buildingId: 'b1', gridId: 'g1' });
    // The same again is a repeat; a person behind another gate, or nobody, is a 400; both ways of naming at once too.
    expect((await gate.post<Urgent>('/v1/urgent-requests', byPerson('gate-person', behind))).body.openedAt).toBe(opened.body.openedAt);
    expect((await gate.post('/v1/urgent-requests', byPerson('gate-person-b2', elsewhere))).status).toBe(400);
    expect((await gate.post('/v1/urgent-requests', byPerson('gate-nobody', 'p_nobody0000000000000'))).status).toBe(400);
    expect((await gate.post('/v1/urgent-requests', { ...byPerson('gate-both', behind), householdId: 'b1-h8', buildingId: 'b1' })).status).toBe(400);
    // A resident names only their own person.
    expect((await resident.post('/v1/urgent-requests', { ...byPerson('resident-other', behind), checkpointId: undefined })).status).toBe(403);
    const ids = (await worker.get<{ items: Urgent[] }>('/v1/urgent-requests?gridId=g1')).body.items.map((i) => i.requestId);
    expect(ids.filter((i) => i.startsWith('gate-person') || i.startsWith('gate-nobody') || i.startsWith('gate-both') || i === 'resident-other')).toEqual(['gate-person']);
  });

  it("delivers a chronic patient's medicine on its schedule, once a day however often the job runs, with medical priority", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const needs = { buildingId: 'b1', needs: ['chronic-medicine'], medicine: { item: '降压药', quantity: 2, everyDays: 7 } };
    const set = await worker.put<{ medicine: { since: string } }>('/v1/households/b1-h6/needs', needs);
    expect(set.status).toBe(200);
    expect(set.body.medicine).toEqual({ ...needs.medicine, since: today });
    expect((await worker.put('/v1/households/b1-h5/needs', { buildingId: 'b1', needs: ['elderly-alone'], medicine: needs.medicine })).status).toBe(400);

    const runs = await Promise.all([0, 1, 2].map(async () => (await stack.client.post<{ medicine: number }>('/local/schedules/recurring-requests', {})).body));
    expect(runs.map((r) => r.medicine)).toEqual([1, 1, 1]);
    const dispatcher = await stack.as('dispatcher', ['g1']);
    const delivery = await dispatcher.get<{ kind: string; priority: string; items: { name: string; quantity: number }[]; householdId: string }>(`/v1/deliveries/medicine-b1-h6-${today}`);
    expect(delivery.status).toBe(200);
    expect(delivery.body).toMatchObject({ kind: 'medicine', priority: 'medical', householdId: 'b1-h6', items: [{ name: '降压药', quantity: 2 }] });
    const all = await dispatcher.get<{ items: { deliveryId: string }[] }>('/v1/deliveries?gridId=g1&limit=200');
    expect(all.body.items.filter((d) => d.deliveryId.startsWith('medicine-b1-h6-'))).toHaveLength(1);
  });
});
