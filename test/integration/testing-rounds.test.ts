import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, poll } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

interface Building { buildingId: string; tested: number; expected: number; missing: { personId: string }[]; missingCount: number; results: Record<string, number>; pending: { personId: string }[] }
interface Progress { tested: number; expected: number; buildings: Building[]; results: Record<string, number> }
interface Sent { notificationId: string; personId: string; text: string }

/**
 * Testing rounds by building (issue 17 §3), over HTTP on the local stack: a round of three
 * buildings in two slots, each household told its slot; people sampled at the point with the gate
 * app's scan; the not-tested list shrinks to exactly the people still missing; the lab's results,
 * a positive opening a case that turns the code red and costs the grid its epidemic-free day.
 */
let stack: RunningStack;
let admin: FirstlineClient;
let worker: FirstlineClient;
let scanner: FirstlineClient;
const today = dayOf(new Date(), 'Asia/Shanghai');
const at = (time: string) => `${today}T${time}:00+08:00`;
const people: Record<string, { personId: string; idNumber: string; householdId: string }[]> = { b1: [], b1x: [], b2: [] };

const progress = async (gridId?: string) => (await worker.get<Progress>(`/v1/test-rounds/r1${gridId ? `?gridId=${gridId}` : ''}`)).body;
const sample = (sampleId: string, idNumber: string, tubeId?: string) => ({ sampleId, idNumber, sampledAt: new Date().toISOString(), ...(tubeId && { tubeId }) });
const round = {
  roundId: 'r1', communityId: 'c1', kind: 'pcr', day: today, place: '3号楼前广场',
  slots: [{ from: at('08:00'), to: at('09:00'), buildingIds: ['b1', 'b1x'] }, { from: at('09:00'), to: at('10:00'), buildingIds: ['b2'] }],
};

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
  const policy = { epidemicFreeDays: 1, minDisinfectionRounds: 0 };
  const registry = { ...smallRegistry, district: { ...smallRegistry.district, policy }, buildings: [...smallRegistry.buildings, { id: 'b1x', name: 'Building 1X', gridId: 'g1' }] };
  expect((await admin.put('/v1/registry', registry)).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1', 'g2']);
  scanner = await stack.as('scanner', ['cp1']);
  for (const [buildingId, households] of [['b1', ['b1-h1', 'b1-h1', 'b1-h2']], ['b1x', ['b1x-h1']], ['b2', ['b2-h1', 'b2-h2']]] as const) {
    for (const householdId of households) {
      const resident = newResident(buildingId, householdId);
      const registered = await worker.post<{ personId: string }>('/v1/residents', resident);
      expect(registered.status).toBe(201);
      people[buildingId]!.push({ personId: registered.body.personId, idNumber: resident.idNumber, householdId });
    }
  }
  // Two households consented to be reached: they are told their slot by SMS.
  for (const [person, phone] of [[people['b1']![0]!, '13700005555'], [people['b2']![0]!, '13700006666']] as const) {
    expect((await worker.put(`/v1/residents/${person.personId}/contact`, { phone, consent: true })).status).toBe(200);
  }
  // g1 is epidemic-free today: its log is in (approved, as the deadline may have passed) and nobody is a case.
  expect((await worker.post('/v1/grid-logs', { logId: 'tr-log-g1', gridId: 'g1', date: today, householdsVisited: 5, residentsScreened: 6, disinfectionRounds: 2, masksDistributed: 10, keyPersonsFound: 0 })).status).toBe(201);
  expect([200, 409]).toContain((await admin.post('/v1/admin/grid-logs/tr-log-g1/approve', { reason: 'testing-round test' })).status);
}, 120_000);
afterAll(() => stack.stop());

describe('a testing round of three buildings', () => {
  it('opens once, tells each household its slot once, and refuses what does not fit', async () => {
    const opened = await worker.post<{ households: number }>('/v1/test-rounds', round);
    expect(opened.status).toBe(201);
    expect(opened.body.households).toBe(5);
    // The same round again (a retried request) is the same answer; another plan under its id is a 409.
    expect((await worker.post('/v1/test-rounds', round)).status).toBe(201);
    expect((await worker.post('/v1/test-rounds', { ...round, place: '北门' })).status).toBe(409);
    // A building of another community, a slot on another day, a building in two slots: 400, nothing kept.
    const bad = await admin.post<{ error: { details: { path: string }[] } }>('/v1/test-rounds', { ...round, roundId: 'r-bad', slots: [{ from: at('08:00'), to: `${today}T23:59:59+08:00`, buildingIds: ['b1', 'b3'] }, { from: '2020-01-01T08:00:00+08:00', to: '2020-01-01T09:00:00+08:00', buildingIds: ['b2'] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(['slots.0.buildingIds.1', 'slots.1.from']));
    expect((await worker.post('/v1/test-rounds', { ...round, roundId: 'r-twice', slots: [{ ...round.slots[0]!, buildingIds: ['b1'] }, { ...round.slots[1]!, buildingIds: ['b1'] }] })).status).toBe(400);
    expect((await worker.get('/v1/test-rounds/r-bad')).status).toBe(404);
    // The insider: a grid worker of g1 alone cannot open a round over g2's building.
    expect((await (await stack.as('grid-worker', ['g1'])).post('/v1/test-rounds', { ...round, roundId: 'r-insider' })).status).toBe(403);

    const told = await poll(async () => (await stack.client.get<{ items: Sent[] }>('/local/outbox')).body.items.filter((s) => s.notificationId.startsWith('round-r1-')), (s) => s.length >= 2, 'the consenting households told');
    await drained(stack);
    expect(told.map((s) => s.text).sort()).toEqual([
      '【社区防控】核酸检测：请您楼栋居民于' + slotText('08:00', '09:00') + '到3号楼前广场采样，戴好口罩，间隔一米，按楼栋错峰，不要聚集。',
      '【社区防控】核酸检测：请您楼栋居民于' + slotText('09:00', '10:00') + '到3号楼前广场采样，戴好口罩，间隔一米，按楼栋错峰，不要聚集。',
    ]);
    expect((await stack.client.get<{ items: Sent[] }>('/local/outbox')).body.items.filter((s) => s.notificationId.startsWith('round-r1-'))).toHaveLength(2);
  });

  it('lists the round for the sampling point and the grid, with the buildings a new round may take', async () => {
    const atPoint = await scanner.get<{ communityId: string; rounds: { round: { roundId: string }; expected: number; tested: number }[]; buildings: { buildingId: string }[] }>(`/v1/test-rounds?day=${today}&checkpointId=cp1`);
    expect(atPoint.status).toBe(200);
    expect(atPoint.body.communityId).toBe('c1');
    expect(atPoint.body.rounds.map((r) => [r.round.roundId, r.expected, r.tested])).toEqual([['r1', 6, 0]]);
    expect(atPoint.body.buildings.map((b) => b.buildingId)).toEqual(['b1', 'b1x', 'b2']);
    expect((await scanner.get(`/v1/test-rounds?day=${today}&checkpointId=cp3`)).status).toBe(403);
    expect((await worker.get(`/v1/test-rounds?day=${today}&gridId=g3`)).status).toBe(403);
  });

  it('samples each person once, and the not-tested list shrinks to exactly who is missing', async () => {
    const before = await progress();
    expect(before.buildings.map((b) => [b.buildingId, b.expected, b.missingCount])).toEqual([['b1', 3, 3], ['b1x', 1, 1], ['b2', 2, 2]]);

    const [a, b] = people['b1']! as [typeof people['b1'][0], typeof people['b1'][0]];
    const [c] = people['b2']! as [typeof people['b2'][0]];
    const upload = { checkpointId: 'cp1', samples: [sample('s-a', a.idNumber, 'T-001'), sample('s-b', b.idNumber, 'T-002'), sample('s-c', c.idNumber, 'T-003')] };
    const first = await scanner.post<{ results: { outcome: string }[] }>('/v1/test-rounds/r1/samples', upload);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.outcome)).toEqual(['sampled', 'sampled', 'sampled']);
    // The same upload again (its answer was lost): the same answer, nothing counted twice.
    expect((await scanner.post<{ results: { outcome: string }[] }>('/v1/test-rounds/r1/samples', upload)).body.results.map((r) => r.outcome)).toEqual(['sampled', 'sampled', 'sampled']);
    // Someone sampled again in another queue: a repeat. A stranger, a person of another community, a forged code.
    const outsider = newResident('b3', 'b3-h1');
    expect((await (await stack.as('grid-worker', ['g3'])).post('/v1/residents', outsider)).status).toBe(201);
    const second = await scanner.post<{ results: { outcome: string }[] }>('/v1/test-rounds/r1/samples', {
      checkpointId: 'cp1',
      samples: [sample('s-a2', a.idNumber), sample('s-x', '110101199912319999'), sample('s-o', outsider.idNumber), { sampleId: 's-f', code: 'forged-code-forged-code', sampledAt: new Date().toISOString() }],
    });
    expect(second.body.results.map((r) => r.outcome)).toEqual(['repeat', 'unknown-person', 'not-in-round', 'invalid-code']);

    const after = await progress();
    expect(after.tested).toBe(3);
    expect(after.buildings.map((x) => [x.buildingId, x.tested, x.missing.map((m) => m.personId)])).toEqual([
      ['b1', 2, [people['b1']![2]!.personId]],
      ['b1x', 0, [people['b1x']![0]!.personId]],
      ['b2', 1, [people['b2']![1]!.personId]],
    ]);
    // Tested and waiting for the lab: by name, with the tube.
    expect(after.buildings.find((x) => x.buildingId === 'b2')!.pending).toEqual([{ personId: c.personId, nameMasked: expect.any(String), householdId: c.householdId, tubeId: 'T-003' }]);
    // A grid worker's own part: g2's building only.
    expect((await progress('g2')).buildings.map((x) => x.buildingId)).toEqual(['b2']);

    // Each resident's app shows the building's slot, and whether they were tested: without SMS too.
    const slotsOf = async (person: { personId: string }) => (await (await stack.as('resident', [person.personId])).get<{ testSlots: { roundId: string; from: string; place: string; tested: boolean }[] }>(`/v1/residents/${person.personId}/household`)).body.testSlots;
    expect(await slotsOf(a)).toEqual([{ roundId: 'r1', kind: 'pcr', day: today, place: '3号楼前广场', from: at('08:00'), to: at('09:00'), tested: true }]);
    expect((await slotsOf(people['b1x']![0]!)).map((t) => [t.roundId, t.tested])).toEqual([['r1', false]]);
    expect((await slotsOf(people['b2']![1]!)).map((t) => [t.from, t.tested])).toEqual([[at('09:00'), false]]);
  });

  it('refuses bad samples with a 400 and the insider with a 403, keeping nothing', async () => {
    const d = people['b1']![2]!;
    const yesterday = new Date(Date.now() - 30 * 3_600_000).toISOString();
    expect((await scanner.post('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples: [{ ...sample('s-old', d.idNumber), sampledAt: yesterday }] })).status).toBe(400);
    expect((await scanner.post('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples: [] })).status).toBe(400);
    expect((await scanner.post('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples: [{ sampleId: 's-both', sampledAt: new Date().toISOString() }] })).status).toBe(400);
    // A scanner of another community's gate, or naming a gate it does not hold; a volunteer.
    expect((await (await stack.as('scanner', ['cp3'])).post('/v1/test-rounds/r1/samples', { checkpointId: 'cp3', samples: [sample('s-i1', d.idNumber)] })).status).toBe(400);
    expect((await scanner.post('/v1/test-rounds/r1/samples', { checkpointId: 'cp2', samples: [sample('s-i2', d.idNumber)] })).status).toBe(403);
    expect((await (await stack.as('volunteer', ['v1'])).post('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples: [sample('s-i3', d.idNumber)] })).status).toBe(403);
    expect((await progress()).buildings.find((b) => b.buildingId === 'b1')!.missing.map((m) => m.personId)).toEqual([d.personId]);
  });

  it("records the lab's results once; a positive opens a case, turns the code red and costs the grid its epidemic-free day", async () => {
    const free = async () => (await admin.get<{ items: { id: string; free: boolean }[] }>(`/v1/reports/epidemic-free?level=grid&date=${today}`)).body.items.find((i) => i.id === 'g1')!.free;
    expect(await free()).toBe(true);
    const [a, b] = people['b1']! as [typeof people['b1'][0], typeof people['b1'][0]];
    const lab = { results: [{ tubeId: 'T-001', result: 'negative' }, { tubeId: 'T-002', result: 'positive' }, { tubeId: 'T-003', result: 'invalid' }, { tubeId: 'T-999', result: 'negative' }] };
    const first = await admin.post<{ recorded: number; unchanged: number; unknown: { index: number }[]; casesOpened: { personId: string }[] }>('/v1/test-rounds/r1/results', lab);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: 3, unchanged: 0, unknown: [{ index: 3 }], casesOpened: [{ personId: b.personId }] });
    // The same CSV sent again: nothing changes, no second case. A negative cannot be turned positive here.
    const again = await admin.post<{ recorded: number; unchanged: number; casesOpened: unknown[]; conflicts: { index: number }[] }>('/v1/test-rounds/r1/results', { results: [...lab.results, { personId: a.personId, result: 'positive' }] });
    expect(again.body).toMatchObject({ recorded: 0, unchanged: 3, casesOpened: [], conflicts: [{ index: 4 }] });
    // An invalid sample re-tested is recorded.
    expect((await admin.post<{ recorded: number }>('/v1/test-rounds/r1/results', { results: [{ tubeId: 'T-003', result: 'negative' }] })).body.recorded).toBe(1);

    const positive = await worker.get<{ codeColor: string; status: string }>(`/v1/residents/${b.personId}`);
    expect(positive.body).toMatchObject({ codeColor: 'red', status: 'central' });
    expect(await free()).toBe(false);
    const cases = await worker.get<{ items: { category: string; person: { personId: string } }[] }>('/v1/work-lists/open-cases?gridId=g1');
    expect(cases.body.items.filter((c) => c.person.personId === b.personId).map((c) => c.category)).toEqual(['suspected']);
    expect((await progress()).results).toEqual({ negative: 2, positive: 1, invalid: 0, pending: 0 });
    const own = await (await stack.as('resident', [a.personId])).get<{ testSlots: { result?: string }[] }>(`/v1/residents/${a.personId}/household`);
    expect(own.body.testSlots.map((t) => t.result)).toEqual(['negative']);
    // A volunteer or another grid's worker cannot send results.
    expect((await (await stack.as('grid-worker', ['g3'])).post('/v1/test-rounds/r1/results', lab)).status).toBe(403);
  });

  it("puts the round's completeness per building, community and street into the daily report", async () => {
    const report = async (level: string, id: string) => (await admin.get<{ testing?: { expected: number; tested: number; positive: number; completeness: number; rounds: { roundId: string; buildings?: { buildingId: string; tested: number; completeness: number }[] }[] } }>(`/v1/reports/daily?level=${level}&id=${id}&date=${today}`)).body.testing;
    const community = await report('community', 'c1');
    expect(community).toMatchObject({ expected: 6, tested: 3, positive: 1, completeness: 50 });
    expect(community!.rounds[0]!.buildings!.map((b) => [b.buildingId, b.tested, b.completeness])).toEqual([['b1', 2, 66.7], ['b1x', 0, 0], ['b2', 1, 50]]);
    expect(await report('street', 's1')).toMatchObject({ expected: 6, tested: 3, completeness: 50, rounds: [{ roundId: 'r1' }] });
    expect((await report('street', 's1'))!.rounds[0]!.buildings).toBeUndefined();
    expect(await report('grid', 'g2')).toMatchObject({ expected: 2, tested: 1 });
    expect(await report('grid', 'g3')).toBeUndefined();
  });
});

describe('a pooled tube (混管)', () => {
  it("gives the tube's result to each of its people, and a positive opens a case for each", async () => {
    const [d] = [people['b1']![2]!];
    const [x] = [people['b1x']![0]!];
    const pooled = await scanner.post<{ results: { outcome: string }[] }>('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples: [sample('s-d', d.idNumber, 'T-POOL'), sample('s-x', x.idNumber, 'T-POOL')] });
    expect(pooled.body.results.map((r) => r.outcome)).toEqual(['sampled', 'sampled']);
    const result = await admin.post<{ recorded: number; casesOpened: { personId: string }[] }>('/v1/test-rounds/r1/results', { results: [{ tubeId: 'T-POOL', result: 'positive' }] });
    expect(result.body.recorded).toBe(1);
    expect(result.body.casesOpened.map((c) => c.personId).sort()).toEqual([d.personId, x.personId].sort());
    for (const person of [d, x]) expect((await worker.get<{ codeColor: string }>(`/v1/residents/${person.personId}`)).body.codeColor).toBe('red');
    expect((await progress()).results).toEqual({ negative: 2, positive: 3, invalid: 0, pending: 0 });
  });

  it('refuses a result for a tube said to hold more swabs than a tube pools: one positive would make everyone in it a case', async () => {
    const crowd = Array.from({ length: 21 }, (_, i) => newResident('b2', `b2-crowd-${i}`));
    for (const resident of crowd) expect((await worker.post('/v1/residents', resident)).status).toBe(201);
    const samples = crowd.map((r, i) => sample(`s-crowd-${i}`, r.idNumber, 'T-CROWD'));
    expect((await scanner.post<{ results: { outcome: string }[] }>('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples })).body.results.every((r) => r.outcome === 'sampled')).toBe(true);
    const result = await admin.post<{ recorded: number; conflicts: { index: number; message: string }[]; casesOpened: unknown[] }>('/v1/test-rounds/r1/results', { results: [{ tubeId: 'T-CROWD', result: 'positive' }] });
    expect(result.body).toMatchObject({ recorded: 0, casesOpened: [], conflicts: [{ index: 0 }] });
    expect(result.body.conflicts[0]!.message).toContain('21');
  });
});

describe('antigen self-tests', () => {
  it('counts a resident\'s self-test in the day\'s antigen round of their building; a positive opens a case', async () => {
    const antigen = { ...round, roundId: 'r-ag', kind: 'antigen', slots: [{ from: at('18:00'), to: at('20:00'), buildingIds: ['b1x', 'b2'] }] };
    expect((await worker.post('/v1/test-rounds', antigen)).status).toBe(201);
    const [x] = people['b1x']! as [typeof people['b1x'][0]];
    const [y] = people['b2']! as [typeof people['b2'][0]];
    const own = await stack.as('resident', [x.personId]);
    const test = { testId: 'ag-1', result: 'negative', takenAt: new Date().toISOString() };
    const reported = await own.post<{ roundId?: string }>(`/v1/residents/${x.personId}/self-tests`, test);
    expect(reported.status).toBe(201);
    expect(reported.body.roundId).toBe('r-ag');
    expect((await own.post(`/v1/residents/${x.personId}/self-tests`, test)).status).toBe(201);
    expect((await own.post(`/v1/residents/${x.personId}/self-tests`, { ...test, result: 'positive' })).status).toBe(409);
    // Not for someone else.
    expect((await own.post(`/v1/residents/${y.personId}/self-tests`, { ...test, testId: 'ag-other' })).status).toBe(403);

    const positive = await (await stack.as('resident', [y.personId])).post<{ caseId?: string }>(`/v1/residents/${y.personId}/self-tests`, { testId: 'ag-2', result: 'positive', takenAt: new Date().toISOString() });
    expect(positive.status).toBe(201);
    expect(positive.body.caseId).toBeDefined();
    expect((await worker.get<{ codeColor: string }>(`/v1/residents/${y.personId}`)).body.codeColor).toBe('red');

    const ag = (await worker.get<Progress>('/v1/test-rounds/r-ag')).body;
    expect(ag.buildings.map((b) => [b.buildingId, b.tested, b.results['negative'], b.results['positive']])).toEqual([['b1x', 1, 1, 0], ['b2', 1, 0, 1]]);
  });
});

function slotText(from: string, to: string): string {
  const [, month, date] = today.split('-').map(Number) as [number, number, number];
  return `${month}月${date}日 ${from}–${to}`;
}
