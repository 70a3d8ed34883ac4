import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, poll } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';
import { dumpTables } from '../support/table-dump.ts';

interface Sent { notificationId: string; personId: string; phoneMasked: string; text: string; at: string }

/**
 * Consented contact and notifications (issue 17 §1–2), over HTTP on the local stack: a number kept
 * only sealed, masked everywhere else and in the clear nowhere; a group-buy's numbers called in
 * order, each household told once even when the notifier's message comes back after a send; a
 * withdrawal deletes the number and nobody is told again.
 */
let stack: RunningStack;
let dispatcher: FirstlineClient;
let worker: FirstlineClient;
const people: { personId: string; householdId: string; phone: string }[] = [];
/** The numbers residents consent with: never registered, so any trace of them is the contact's. */
const consented = ['13700001111', '13700002222', '13700003333'];

const outbox = async () => (await stack.client.get<{ items: Sent[] }>('/local/outbox')).body.items;

beforeAll(async () => {
  // The first notification sent fails after its send, once: the message comes back to a notifier that already sent it.
  stack = await startStack({ env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2', FIRSTLINE_FAULTS: JSON.stringify({ 'notifier.after-send': { times: 1 } }) } });
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1']);
  dispatcher = await stack.as('dispatcher', ['g1']);
  for (const householdId of ['b1-h1', 'b1-h2', 'b1-h3', 'b1-h4']) {
    const resident = newResident('b1', householdId);
    const registered = await worker.post<{ personId: string }>('/v1/residents', resident);
    expect(registered.status).toBe(201);
    people.push({ personId: registered.body.personId, householdId, phone: resident.phone });
  }
}, 120_000);
afterAll(() => stack.stop());

describe('consented contact', () => {
  it('keeps a consented number sealed, shows it masked, and refuses anyone else', async () => {
    const [first, second, third] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const own = await stack.as('resident', [first.personId]);
    const given = await own.put<{ phoneMasked: string; consentedBy: string }>(`/v1/residents/${first.personId}/contact`, { phone: consented[0], consent: true });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ phoneMasked: '137****1111', consentedBy: `resident:${first.personId}` });
    // The insider: a grid worker cannot put another number over the one the resident gave themself.
    const replaced = await worker.put<{ error: { code: string } }>(`/v1/residents/${first.personId}/contact`, { phone: '13700009999', consent: true });
    expect(replaced.status).toBe(409);
    // A grid worker records a consent given at the door; consent must be said.
    expect((await worker.put(`/v1/residents/${second.personId}/contact`, { phone: consented[1], consent: true })).status).toBe(200);
    expect((await worker.put(`/v1/residents/${third.personId}/contact`, { phone: consented[2] })).status).toBe(400);
    // Another resident, another grid's worker, a volunteer: refused, nothing kept.
    expect((await own.put(`/v1/residents/${third.personId}/contact`, { phone: consented[2], consent: true })).status).toBe(403);
    expect((await (await stack.as('grid-worker', ['g2'])).put(`/v1/residents/${third.personId}/contact`, { phone: consented[2], consent: true })).status).toBe(403);
    expect((await (await stack.as('volunteer', ['v1'])).put(`/v1/residents/${third.personId}/contact`, { phone: consented[2], consent: true })).status).toBe(403);

    const tables = await dumpTables(stack);
    for (const phone of consented) expect(tables).not.toContain(phone.slice(3));
    expect(tables).not.toContain('00009999');
    expect(tables).toContain('"CONTACT#b1-h1"');
    expect(tables).toContain('137****1111');
  });
});

describe('notifications', () => {
  it("calls a group-buy's numbers in order, paced, each consented household told once even when a message comes back", async () => {
    const households = people.map((p) => ({ householdId: p.householdId, buildingId: 'b1', quantity: 1 }));
    expect((await dispatcher.post('/v1/group-buys', { groupBuyId: 'gb-rice', gridId: 'g1', item: '大米 5 kg', arrivedAt: new Date().toISOString(), households })).status).toBe(202);
    await drained(stack);

    const call = await dispatcher.post<{ called: { callNumber: number; inSeconds: number }[] }>('/v1/group-buys/gb-rice/calls', { gridId: 'g1', from: 1, perMinute: 30, pickup: '北门' });
    expect(call.status).toBe(202);
    expect(call.body.called).toEqual([{ callNumber: 1, inSeconds: 0 }, { callNumber: 2, inSeconds: 2 }, { callNumber: 3, inSeconds: 4 }, { callNumber: 4, inSeconds: 6 }]);
    // Called again (a retried request): nobody is told twice.
    expect((await dispatcher.post('/v1/group-buys/gb-rice/calls', { gridId: 'g1', from: 1, perMinute: 30, pickup: '北门' })).status).toBe(202);

    const sent = await poll(outbox, (items) => items.length >= 2, 'the two consented households told', 30_000);
    await new Promise((r) => setTimeout(r, 8_000));
    await drained(stack);
    const all = await outbox();
    expect(all.map((s) => [s.personId, s.text])).toEqual([
      [people[0]!.personId, '【社区防控】团购第 1 号，请到北门取货（大米 5 kg），错峰排队，不要聚集。'],
      [people[1]!.personId, '【社区防控】团购第 2 号，请到北门取货（大米 5 kg），错峰排队，不要聚集。'],
    ]);
    expect(sent[0]!.phoneMasked).toBe('137****1111');
    expect(Date.parse(all[1]!.at)).toBeGreaterThan(Date.parse(all[0]!.at));
    const tables = await dumpTables(stack);
    for (const phone of consented) expect(tables).not.toContain(phone.slice(3));
  });

  it('tells a household its delivery is at the door, and a person that their code turned yellow, with what to do', async () => {
    const second = people[1]!;
    // Room for the group-buys still queued in the grid and this delivery.
    expect((await dispatcher.put('/v1/volunteers/v-door', { name: '林芳', phone: '13900000009', roles: ['delivery'], gridIds: ['g1'], onDuty: true, capacity: 10 })).status).toBe(200);
    expect((await dispatcher.post('/v1/deliveries', {
      deliveryId: 'door-1', householdId: second.householdId, buildingId: 'b1', kind: 'groceries', priority: 'normal', items: [{ name: '蔬菜包', quantity: 1 }], requestedAt: new Date().toISOString(),
    })).status).toBe(202);
    await poll(() => dispatcher.get<{ volunteerId?: string }>('/v1/deliveries/door-1'), (d) => d.body.volunteerId !== undefined, 'the delivery assigned');
    const volunteer = await stack.as('volunteer', ['v-door']);
    for (const type of ['picked-up', 'delivered', 'delivered']) {
      expect((await volunteer.post('/v1/deliveries/door-1/events', { type, at: new Date().toISOString() })).status).toBeLessThan(410);
    }
    // Reported twice (a retried request): told once.
    const closeContact = { caseId: 'reach-case', personId: second.personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'home' };
    expect((await worker.post('/v1/cases', closeContact)).status).toBe(201);
    expect((await worker.post('/v1/cases', closeContact)).status).toBeLessThan(300);

    const told = await poll(async () => (await outbox()).filter((s) => s.notificationId === 'door-door-1' || s.notificationId === 'code-reach-case'), (items) => items.length >= 2, 'the door and the code told');
    await drained(stack);
    expect(told.map((s) => s.text).sort()).toEqual([
      '【社区防控】您的健康码已转为黄码：请居家，不要外出，等待网格员联系安排核酸检测。',
      '【社区防控】您的蔬菜包已送到门口，请及时取回。',
    ]);
    expect((await outbox()).filter((s) => s.notificationId === 'door-door-1' || s.notificationId === 'code-reach-case')).toHaveLength(2);
    // Not the number itself: not in any log line of the stack either.
    for (const phone of consented) expect(stack.output()).not.toContain(phone.slice(3));
  });

  it('refuses a call that would reach further than 15 minutes ahead, a group-buy the grid does not have, and a pickup that is not a place', async () => {
    expect((await dispatcher.post('/v1/group-buys/gb-rice/calls', { gridId: 'g1', from: 1, perMinute: 0, pickup: '北门' })).status).toBe(400);
    expect((await dispatcher.post('/v1/group-buys/gb-none/calls', { gridId: 'g1', from: 1, perMinute: 10, pickup: '北门' })).status).toBe(400);
    // The place is said in every SMS: a link is no place.
    expect((await dispatcher.post('/v1/group-buys/gb-rice/calls', { gridId: 'g1', from: 1, perMinute: 10, pickup: 'http://x.cn/pay' })).status).toBe(400);
    expect((await (await stack.as('dispatcher', ['g2'])).post('/v1/group-buys/gb-rice/calls', { gridId: 'g1', from: 1, perMinute: 10, pickup: '北门' })).status).toBe(403);
  });

  it('deletes the number when consent is withdrawn, keeps the withdrawal, and tells that household nothing more', async () => {
    const first = people[0]!;
    const own = await stack.as('resident', [first.personId]);
    const withdrawn = await own.delete<{ deleted: boolean; withdrawnBy: string }>(`/v1/residents/${first.personId}/contact`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ deleted: true, withdrawnBy: `resident:${first.personId}` });
    expect((await own.delete<{ deleted: boolean }>(`/v1/residents/${first.personId}/contact`)).body.deleted).toBe(false);
    const tables = await dumpTables(stack);
    expect(tables).not.toContain('"CONTACT#b1-h1"');
    expect(tables).toContain(`"CONSENT#${first.personId}"`);

    // A new group-buy for both households: only the one still consenting is told.
    const households = people.slice(0, 2).map((p) => ({ householdId: p.householdId, buildingId: 'b1', quantity: 1 }));
    expect((await dispatcher.post('/v1/group-buys', { groupBuyId: 'gb-oil', gridId: 'g1', item: '食用油', arrivedAt: new Date().toISOString(), households })).status).toBe(202);
    await drained(stack);
    const before = (await outbox()).length;
    expect((await dispatcher.post('/v1/group-buys/gb-oil/calls', { gridId: 'g1', from: 1, perMinute: 60, pickup: '南门' })).status).toBe(202);
    const after = await poll(outbox, (items) => items.length > before, 'the consenting household told', 20_000);
    await new Promise((r) => setTimeout(r, 3_000));
    await drained(stack);
    expect((await outbox()).slice(before).map((s) => s.personId)).toEqual([people[1]!.personId]);
    expect(after.length).toBe(before + 1);
  });
});
