import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dayOf, householdNeeds } from '@firstline/domain';
import { householdNeed } from '@firstline/schemas';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

interface DeliveryView {
  deliveryId: string;
  status: string;
  volunteerId?: string;
  callNumber?: number;
  priority: string;
  buildingId: string;
  history: { status: string; at: string; by?: string; reason?: string }[];
}

let stack: RunningStack;
let admin: FirstlineClient;
let dispatcher: FirstlineClient;
let seq = 0;
const now = () => new Date().toISOString();

/** Each test gets its own grid so queues and volunteers never mix. */
async function freshGrid(buildings = 3): Promise<{ gridId: string; buildingIds: string[] }> {
  const gridId = `dg${++seq}`;
  const buildingIds = Array.from({ length: buildings }, (_, i) => `${gridId}-B${i + 1}`);
  const res = await admin.put('/v1/registry', {
    district: smallRegistry.district,
    grids: [{ id: gridId, name: gridId, communityId: 'c1' }],
    buildings: buildingIds.map((id) => ({ id, name: id, gridId })),
  });
  expect(res.status).toBe(200);
  return { gridId, buildingIds };
}

async function volunteer(id: string, gridIds: string[], capacity: number, onDuty = true) {
  const res = await dispatcher.put(`/v1/volunteers/${id}`, { name: '李四', phone: '13900000000', roles: ['delivery'], gridIds, onDuty, capacity });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { released: string[] };
}

async function order(buildingId: string, priority = 'normal', requestedAt = now()) {
  const deliveryId = `d${++seq}`;
  const res = await dispatcher.post('/v1/deliveries', {
    deliveryId, householdId: `${buildingId}-h${seq}`, buildingId, kind: 'groceries', items: [{ name: 'rice', quantity: 1 }], priority, requestedAt,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return deliveryId;
}

async function get(id: string): Promise<DeliveryView> {
  return (await dispatcher.get<DeliveryView>(`/v1/deliveries/${id}`)).body;
}

async function as(volunteerId: string) {
  return stack.as('volunteer', [volunteerId]);
}

beforeAll(async () => {
  stack = await startStack({ env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2' } });
  admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  dispatcher = await stack.as('dispatcher', ['*']);
});
afterAll(async () => {
  if (process.env['DEBUG_STACK']) console.log(stack.output().slice(-4000));
  await stack.stop();
});

describe('group-buys', () => {
  it('turns 193 households into 193 deliveries with distinct call numbers, building by building', async () => {
    const { gridId, buildingIds } = await freshGrid(10);
    const households = Array.from({ length: 193 }, (_, i) => ({ householdId: `${gridId}-hh${i}`, buildingId: buildingIds[(i * 7) % 10]!, quantity: 1 }));

    const res = await dispatcher.post('/v1/group-buys', { groupBuyId: `gb-${gridId}`, gridId, item: 'frozen pork 2 kg', arrivedAt: now(), households });
    const repeat = await dispatcher.post('/v1/group-buys', { groupBuyId: `gb-${gridId}`, gridId, item: 'frozen pork 2 kg', arrivedAt: now(), households: households.slice(1) });
    await drained(stack);

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ deliveries: 193 });
    const listed: DeliveryView[] = [];
    let next: string | undefined;
    do {
      const page = await dispatcher.get<{ items: DeliveryView[]; next?: string }>(`/v1/deliveries?gridId=${gridId}&limit=50${next ? `&next=${next}` : ''}`);
      expect(page.status).toBe(200);
      listed.push(...page.body.items);
      next = page.body.next;
    } while (next);
    expect(listed).toHaveLength(193);
    const byCall = [...listed].sort((a, b) => a.callNumber! - b.callNumber!);
    expect(byCall.map((d) => d.callNumber)).toEqual(Array.from({ length: 193 }, (_, i) => i + 1));
    const buildingOrder = byCall.map((d) => d.buildingId).filter((b, i, all) => i === 0 || all[i - 1] !== b);
    expect(buildingOrder).toEqual(buildingIds);
    expect(repeat.status).toBe(409);
  });

  it('refuses households outside the grid and duplicates, naming the field', async () => {
    const { gridId, buildingIds } = await freshGrid(1);
    const dup = await dispatcher.post('/v1/group-buys', {
      groupBuyId: `gb-dup-${gridId}`, gridId, item: 'eggs', arrivedAt: now(),
      households: [{ householdId: 'h1', buildingId: buildingIds[0], quantity: 1 }, { householdId: 'h1', buildingId: buildingIds[0], quantity: 2 }],
    });
    const outside = await dispatcher.post('/v1/group-buys', {
      groupBuyId: `gb-out-${gridId}`, gridId, item: 'eggs', arrivedAt: now(), households: [{ householdId: 'h1', buildingId: 'b2', quantity: 1 }],
    });

    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ error: { details: [{ path: 'households.1.householdId' }] } });
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ error: { details: [{ path: 'households.0.buildingId' }] } });
  });
});

describe('dispatch', () => {
  it('never puts more than capacity on a volunteer: 5 volunteers of capacity 3, 30 deliveries', async () => {
    const { gridId, buildingIds } = await freshGrid();
    await Promise.all(Array.from({ length: 30 }, (_, i) => order(buildingIds[i % 3]!)));
    await Promise.all(Array.from({ length: 5 }, (_, i) => volunteer(`${gridId}-v${i}`, [gridId], 3)));
    await drained(stack);

    const { body } = await dispatcher.get<{ items: DeliveryView[] }>(`/v1/deliveries?gridId=${gridId}&limit=200`);
    const perVolunteer = new Map<string, number>();
    for (const d of body.items.filter((x) => x.status === 'assigned')) perVolunteer.set(d.volunteerId!, (perVolunteer.get(d.volunteerId!) ?? 0) + 1);
    expect([...perVolunteer.values()].sort()).toEqual([3, 3, 3, 3, 3]);
    expect(body.items.filter((x) => x.status === 'queued')).toHaveLength(15);
    for (let i = 0; i < 5; i++) {
      const tasks = await (await as(`${gridId}-v${i}`)).get<{ tasks: DeliveryView[] }>(`/v1/volunteers/${gridId}-v${i}/tasks`);
      expect(tasks.body.tasks).toHaveLength(3);
    }
  });

  it('serves medical before hardship before normal, oldest first', async () => {
    const { gridId, buildingIds } = await freshGrid();
    const early = new Date(Date.now() - 3_600_000).toISOString();
    const normalOld = await order(buildingIds[0]!, 'normal', early);
    const medical = await order(buildingIds[1]!, 'medical');
    const hardship = await order(buildingIds[2]!, 'hardship');
    await drained(stack);

    await volunteer(`${gridId}-solo`, [gridId], 1);
    await drained(stack);

    expect((await get(medical)).status).toBe('assigned');
    expect((await get(hardship)).status).toBe('queued');
    expect((await get(normalOld)).status).toBe('queued');
  });

  it('keeps volunteers inside their grids', async () => {
    const a = await freshGrid(1);
    const b = await freshGrid(1);
    await volunteer(`${a.gridId}-only`, [a.gridId], 5);
    const inB = await order(b.buildingIds[0]!);
    await drained(stack);

    expect((await get(inB)).status).toBe('queued');
  });

  it('releases tasks not yet picked up when a volunteer goes off duty, and places them again', async () => {
    const { gridId, buildingIds } = await freshGrid();
    await volunteer(`${gridId}-a`, [gridId], 2);
    const first = await order(buildingIds[0]!);
    const second = await order(buildingIds[1]!);
    await drained(stack);
    const va = await as(`${gridId}-a`);
    expect((await va.post(`/v1/deliveries/${first}/events`, { type: 'picked-up', at: now() })).status).toBe(200);

    const off = await volunteer(`${gridId}-a`, [gridId], 2, false);
    await volunteer(`${gridId}-b`, [gridId], 2);
    await drained(stack);

    expect(off.released, JSON.stringify([off, await get(second)])).toEqual([second]);
    expect(await get(first)).toMatchObject({ status: 'picked-up', volunteerId: `${gridId}-a` });
    expect(await get(second)).toMatchObject({ status: 'assigned', volunteerId: `${gridId}-b` });
  });
});

describe('medical first, when every volunteer is full', () => {
  it('gives a medical delivery the place of a task not yet picked up: the newest normal one goes back to the queue, a picked-up one stays', async () => {
    const { gridId, buildingIds } = await freshGrid();
    await volunteer(`${gridId}-a`, [gridId], 2);
    const carried = await order(buildingIds[0]!);
    const waiting = await order(buildingIds[1]!, 'normal');
    await drained(stack);
    expect((await (await as(`${gridId}-a`)).post(`/v1/deliveries/${carried}/events`, { type: 'picked-up', at: now() })).status).toBe(200);
    expect(await get(waiting)).toMatchObject({ status: 'assigned', volunteerId: `${gridId}-a` });

    const urgent = await order(buildingIds[2]!, 'medical');
    await drained(stack);

    expect(await get(urgent)).toMatchObject({ status: 'assigned', volunteerId: `${gridId}-a` });
    const bumped = await get(waiting);
    expect(bumped.status).toBe('queued');
    expect(bumped.history.map((h) => h.status)).toEqual(['queued', 'assigned', 'queued']);
    expect(await get(carried)).toMatchObject({ status: 'picked-up', volunteerId: `${gridId}-a` });
    // The volunteer's list holds what they carry and the medical delivery: the bumped task is gone from it.
    const tasks = (await (await as(`${gridId}-a`)).get<{ tasks: { deliveryId: string }[] }>(`/v1/volunteers/${gridId}-a/tasks`)).body.tasks.map((t) => t.deliveryId);
    expect(tasks.sort()).toEqual([carried, urgent].sort());
  });

  it('never bumps a medical task for another medical one, and the dispatcher\'s list says why a delivery waits', async () => {
    const { gridId, buildingIds } = await freshGrid();
    await volunteer(`${gridId}-a`, [gridId], 1);
    const first = await order(buildingIds[0]!, 'medical');
    await drained(stack);
    const second = await order(buildingIds[1]!, 'medical');
    await drained(stack);

    expect(await get(first)).toMatchObject({ status: 'assigned', volunteerId: `${gridId}-a` });
    expect((await get(second)).status).toBe('queued');
    // The dispatcher's list says why it waits.
    const list = await dispatcher.get<{ items: { deliveryId: string; waiting?: string }[] }>(`/v1/deliveries?gridId=${gridId}&status=queued`);
    expect(list.body.items).toEqual([expect.objectContaining({ deliveryId: second, waiting: 'all-at-capacity' })]);
    const lonely = await freshGrid();
    const unserved = await order(lonely.buildingIds[0]!);
    await drained(stack);
    const unservedList = await dispatcher.get<{ items: { deliveryId: string; waiting?: string }[] }>(`/v1/deliveries?gridId=${lonely.gridId}`);
    expect(unservedList.body.items).toEqual([expect.objectContaining({ deliveryId: unserved, waiting: 'no-volunteer-for-grid' })]);
  });
});

describe('priority that follows the household', () => {
  it("registers a household's needs, lists them for its grid, and its orders and group-buy shares go with their priority untyped", async () => {
    expect([...householdNeed.options]).toEqual([...householdNeeds]);
    const { gridId, buildingIds } = await freshGrid();
    const [b1, b2] = [buildingIds[0]!, buildingIds[1]!];
    const worker = await stack.as('grid-worker', [gridId]);
    const dialysis = await worker.put<{ priority: string; needs: string[] }>(`/v1/households/${b1}-dialysis/needs`, { buildingId: b1, needs: ['dialysis'] });
    expect(dialysis.status).toBe(200);
    expect(dialysis.body).toMatchObject({ priority: 'medical', needs: ['dialysis'] });
    expect((await worker.put(`/v1/households/${b2}-alone/needs`, { buildingId: b2, needs: ['elderly-alone'] })).body).toMatchObject({ priority: 'hardship' });
    expect((await worker.put(`/v1/households/${b2}-nothing/needs`, { buildingId: b2, needs: ['hardship'], dueDate: '2026-12-30' })).status, 'a due date without a pregnancy').toBe(400);
    expect((await worker.put(`/v1/households/${b2}-alone/needs`, { buildingId: b1, needs: ['elderly-alone'] })).status, 'another building').toBe(409);
    const listed = await (await stack.as('dispatcher', [gridId])).get<{ items: { householdId: string; priority: string }[] }>(`/v1/households/needs?gridId=${gridId}`);
    expect(listed.body.items.map((i) => [i.householdId, i.priority])).toEqual([[`${b1}-dialysis`, 'medical'], [`${b2}-alone`, 'hardship']]);

    // An order typed "normal" for the dialysis household goes as medical.
    const deliveryId = `d${++seq}`;
    expect((await dispatcher.post('/v1/deliveries', {
      deliveryId, householdId: `${b1}-dialysis`, buildingId: b1, kind: 'medicine', items: [{ name: 'dialysate', quantity: 2 }], priority: 'normal', requestedAt: now(),
    })).status).toBe(202);
    expect((await get(deliveryId)).priority).toBe('medical');
    // A group buy cannot say who is vulnerable: the elderly household's share goes as hardship, and first.
    const groupBuyId = `gb${++seq}`;
    expect((await dispatcher.post('/v1/group-buys', {
      groupBuyId, gridId, item: 'eggs', arrivedAt: now(), households: [{ householdId: `${b2}-other`, buildingId: b2, quantity: 1 }, { householdId: `${b2}-alone`, buildingId: b2, quantity: 1 }],
    })).status).toBe(202);
    await volunteer(`${gridId}-v`, [gridId], 2);
    await drained(stack);
    const tasks = (await (await as(`${gridId}-v`)).get<{ tasks: { deliveryId: string; priority: string }[] }>(`/v1/volunteers/${gridId}-v/tasks`)).body.tasks;
    expect(tasks.map((t) => t.priority).sort()).toEqual(['hardship', 'medical']);
  });
});

describe('care visits', () => {
  it("lists a grid's vulnerable households due a visit, takes a carer's visit, and keeps the latest when an older one comes late", async () => {
    const { gridId, buildingIds } = await freshGrid();
    const b1 = buildingIds[0]!;
    const worker = await stack.as('grid-worker', [gridId]);
    for (const household of ['alone', 'infant']) expect((await worker.put(`/v1/households/${b1}-${household}/needs`, { buildingId: b1, needs: [household === 'alone' ? 'elderly-alone' : 'infant'] })).status).toBe(200);
    const due = async () => (await worker.get<{ items: { householdId: string }[] }>(`/v1/households/needs?gridId=${gridId}&due=true`)).body.items.map((i) => i.householdId);
    expect(await due()).toEqual([`${b1}-alone`, `${b1}-infant`]);

    const visited = await worker.post<{ visitDue: boolean; lastVisit: { found: string; by: string } }>(`/v1/households/${b1}-alone/visits`, { at: now(), kind: 'visit', found: 'well', note: '身体好' });
    expect(visited.status).toBe(200);
    expect(visited.body).toMatchObject({ visitDue: false, lastVisit: { found: 'well', kind: 'visit' } });
    // A call not answered leaves the household due: someone must try again.
    expect((await worker.post<{ visitDue: boolean }>(`/v1/households/${b1}-infant/visits`, { at: now(), kind: 'call', found: 'not-reached' })).body.visitDue).toBe(true);
    expect(await due()).toEqual([`${b1}-infant`]);
    // A visit entered late, older than the one kept, does not replace it; needs changed later keep the visit.
    const older = new Date(Date.now() - 3_600_000).toISOString();
    expect((await worker.post<{ lastVisit: { found: string } }>(`/v1/households/${b1}-alone/visits`, { at: older, kind: 'call', found: 'needs-help' })).body.lastVisit.found).toBe('well');
    expect((await worker.put<{ lastVisit?: unknown }>(`/v1/households/${b1}-alone/needs`, { buildingId: b1, needs: ['elderly-alone', 'disabled'] })).body.lastVisit).toMatchObject({ found: 'well' });
    expect((await worker.post(`/v1/households/${b1}-nobody/visits`, { at: now(), kind: 'visit', found: 'well' })).status, 'no needs registered').toBe(404);
    expect((await worker.post(`/v1/households/${b1}-alone/visits`, { at: '2020-03-12T09:00:00+08:00', kind: 'visit', found: 'well' })).status, 'years ago').toBe(400);
  });
});

describe('status flow', () => {
  async function assignedDelivery() {
    const { gridId, buildingIds } = await freshGrid(1);
    const volunteerId = `${gridId}-v`;
    await volunteer(volunteerId, [gridId], 1);
    const id = await order(buildingIds[0]!);
    await drained(stack);
    expect((await get(id)).status).toBe('assigned');
    return { id, volunteerId, gridId, client: await as(volunteerId) };
  }

  it('goes assigned → picked-up → delivered with who and when in the history', async () => {
    const { id, volunteerId, client } = await assignedDelivery();

    const picked = await client.post(`/v1/deliveries/${id}/events`, { type: 'picked-up', at: now() });
    const delivered = await client.post(`/v1/deliveries/${id}/events`, { type: 'delivered', at: now(), note: 'left at door' });
    const repeat = await client.post(`/v1/deliveries/${id}/events`, { type: 'picked-up', at: now() });

    expect(picked.status).toBe(200);
    expect(delivered.status).toBe(200);
    expect(repeat.status).toBe(409);
    const view = await get(id);
    expect(view.history.map((h) => h.status)).toEqual(['queued', 'assigned', 'picked-up', 'delivered']);
    expect(view.history.slice(2).every((h) => h.by === volunteerId)).toBe(true);
    expect((await client.get<{ tasks: unknown[] }>(`/v1/volunteers/${volunteerId}/tasks`)).body.tasks).toEqual([]);
  });

  it('counts requested, delivered and minutes to deliver for the grid and day in the report counters', async () => {
    const { id, client, gridId } = await assignedDelivery();
    await client.post(`/v1/deliveries/${id}/events`, { type: 'picked-up', at: now() });
    await client.post(`/v1/deliveries/${id}/events`, { type: 'delivered', at: now() });
    const lab = await emulatorClients(stack);

    const out = await lab.documents.send(new GetCommand({ TableName: lab.tables['stats'], Key: { pk: `DELIV#${gridId}`, sk: dayOf(new Date(), 'Asia/Shanghai') } }));
    lab.close();

    expect(out.Item).toMatchObject({ requested: 1, delivered: 1, 'minutes.0': 1 });
  });

  it('refuses another volunteer with 403, and delivering before pick-up with 409', async () => {
    const { id } = await assignedDelivery();
    const stranger = await as('someone-else');

    expect((await stranger.post(`/v1/deliveries/${id}/events`, { type: 'picked-up', at: now() })).status).toBe(403);
    expect((await stranger.get(`/v1/volunteers/not-me/tasks`)).status).toBe(403);
    const { id: other, client } = await assignedDelivery();
    expect((await client.post(`/v1/deliveries/${other}/events`, { type: 'delivered', at: now() })).status).toBe(409);
  });

  it('sends a failed delivery back to the queue once, and ends it at the second failure', async () => {
    const { id, client } = await assignedDelivery();

    const first = await client.post(`/v1/deliveries/${id}/events`, { type: 'failed', at: now(), reason: 'not-home' });
    await drained(stack);
    expect(first.status).toBe(200);
    expect(await get(id)).toMatchObject({ status: 'assigned' });
    const second = await client.post(`/v1/deliveries/${id}/events`, { type: 'failed', at: now(), reason: 'not-home' });

    expect(second.status).toBe(200);
    const view = await get(id);
    expect(view.status).toBe('failed');
    expect(view.history.map((h) => h.status)).toEqual(['queued', 'assigned', 'failed', 'queued', 'assigned', 'failed']);
  });

  it('needs a reason for a failure', async () => {
    const { id, client } = await assignedDelivery();

    const res = await client.post(`/v1/deliveries/${id}/events`, { type: 'failed', at: now() });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { details: [{ path: 'reason' }] } });
  });
});

describe('orders', () => {
  it('is idempotent: the same order twice is one delivery; another body under its id is 409', async () => {
    const { buildingIds } = await freshGrid(1);
    const body = { deliveryId: `dup-${++seq}`, householdId: 'h1', buildingId: buildingIds[0], kind: 'medicine', items: [{ name: 'insulin', quantity: 2 }], priority: 'medical', requestedAt: now() };

    const first = await dispatcher.post('/v1/deliveries', body);
    const again = await dispatcher.post('/v1/deliveries', body);
    const changed = await dispatcher.post('/v1/deliveries', { ...body, items: [{ name: 'insulin', quantity: 3 }] });

    expect([first.status, again.status, changed.status]).toEqual([202, 202, 409]);
    expect(again.body).toEqual(first.body);
  });

  it.each([
    ['kind', { kind: 'weapons' }],
    ['items', { items: [] }],
    ['items.0.quantity', { items: [{ name: 'rice', quantity: 0 }] }],
    ['priority', { priority: 'urgent' }],
    ['requestedAt', { requestedAt: 'soon' }],
    ['buildingId', { buildingId: 'nowhere' }],
  ])('refuses a bad %s with 400 naming it', async (path, change) => {
    const res = await dispatcher.post('/v1/deliveries', {
      deliveryId: `bad-${++seq}`, householdId: 'h1', buildingId: 'b1', kind: 'groceries', items: [{ name: 'rice', quantity: 1 }], priority: 'normal', requestedAt: now(), ...change,
    });

    expect(res.status).toBe(400);
    expect((res.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain(path);
  });

  it('keeps a grid worker and a dispatcher to their grids', async () => {
    const worker = await stack.as('grid-worker', ['g2']);
    const scoped = await stack.as('dispatcher', ['g2']);

    expect((await worker.post('/v1/deliveries', { deliveryId: `x-${++seq}`, householdId: 'h1', buildingId: 'b1', kind: 'groceries', items: [{ name: 'rice', quantity: 1 }], priority: 'normal', requestedAt: now() })).status).toBe(403);
    expect((await scoped.get('/v1/deliveries?gridId=g1')).status).toBe(403);
  });
});
