import { describe, expect, it } from 'vitest';
import { compareDispatchOrder, planAssignments } from '../../src/deliveries/dispatch-choice.ts';
import type { DispatchDelivery, VolunteerLoad } from '../../src/deliveries/dispatch-choice.ts';

const at = (hhmm: string) => `2020-03-12T${hhmm}:00+08:00`;
const d = (deliveryId: string, over: Partial<DispatchDelivery> = {}): DispatchDelivery => ({
  deliveryId, gridId: 'g1', buildingId: 'B1', priority: 'normal', requestedAt: at('09:00'), ...over,
});
const v = (volunteerId: string, over: Partial<VolunteerLoad> = {}): VolunteerLoad => ({
  volunteerId, gridIds: ['g1'], onDuty: true, capacity: 3, openTasks: 0, ...over,
});

/** A seeded shuffle, so "any order" is tested without a flaky test. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('compareDispatchOrder', () => {
  it.each([
    // why, earlier, later
    ['medical before hardship, however new', d('x', { priority: 'medical', requestedAt: at('12:00') }), d('y', { priority: 'hardship', requestedAt: at('08:00') })],
    ['hardship before normal, however new', d('x', { priority: 'hardship', requestedAt: at('12:00') }), d('y', { priority: 'normal', requestedAt: at('08:00') })],
    ['medical before normal', d('x', { priority: 'medical', requestedAt: at('12:00') }), d('y', { priority: 'normal', requestedAt: at('08:00') })],
    ['oldest first within a priority', d('y', { requestedAt: at('08:59') }), d('x', { requestedAt: at('09:00') })],
    ['instants, not strings: 00:30Z is 08:30+08:00', d('y', { requestedAt: '2020-03-12T00:30:00Z' }), d('x', { requestedAt: at('09:00') })],
    ['then call number, as numbers', d('y', { callNumber: 2 }), d('x', { callNumber: 10 })],
    ['a numbered one before an unnumbered one', d('y', { callNumber: 99 }), d('x')],
    ['then delivery id', d('a'), d('b')],
    ['an unreadable request time last', d('y', { requestedAt: at('09:00') }), d('x', { requestedAt: 'not a time' })],
  ] as const)('%s', (_why, earlier, later) => {
    expect(compareDispatchOrder(earlier, later)).toBeLessThan(0);
    expect(compareDispatchOrder(later, earlier)).toBeGreaterThan(0);
  });
});

describe('planAssignments: priority', () => {
  it('serves medical, then hardship, then normal when capacity is short', () => {
    const deliveries = [
      d('n1', { requestedAt: at('07:00') }),
      d('h1', { priority: 'hardship', requestedAt: at('08:00') }),
      d('m1', { priority: 'medical', requestedAt: at('10:00') }),
      d('h2', { priority: 'hardship', requestedAt: at('07:30') }),
    ];

    const plan = planAssignments(deliveries, [v('v1', { capacity: 3 })]);

    expect(plan.assignments.map((a) => a.deliveryId)).toEqual(['m1', 'h2', 'h1']);
    expect(plan.waiting).toEqual([{ deliveryId: 'n1', reason: 'all-at-capacity' }]);
  });

  it('calls a group-buy in call-number order', () => {
    const deliveries = [3, 1, 10, 2].map((n) => d(`gb-${n}`, { callNumber: n }));

    const plan = planAssignments(deliveries, [v('v1', { capacity: 10 })]);

    expect(plan.assignments.map((a) => a.deliveryId)).toEqual(['gb-1', 'gb-2', 'gb-3', 'gb-10']);
  });
});

describe('planAssignments: eligibility', () => {
  it.each([
    // name, volunteers, expected volunteer or waiting reason
    ['nobody serves the grid', [v('v1', { gridIds: ['g2'] })], { reason: 'no-volunteer-for-grid' }],
    ['no volunteers at all', [], { reason: 'no-volunteer-for-grid' }],
    ['the only one serving the grid is off duty', [v('v1', { onDuty: false }), v('v2', { gridIds: ['g2'] })], { reason: 'no-volunteer-on-duty' }],
    ['the only one on duty is full', [v('v1', { openTasks: 3 })], { reason: 'all-at-capacity' }],
    ['one above capacity (capacity lowered) is full', [v('v1', { capacity: 2, openTasks: 3 })], { reason: 'all-at-capacity' }],
    ['capacity 0 takes nothing', [v('v1', { capacity: 0 })], { reason: 'all-at-capacity' }],
    ['off duty and full: the full one is on duty', [v('v1', { onDuty: false }), v('v2', { openTasks: 3 })], { reason: 'all-at-capacity' }],
    ['one below capacity takes it', [v('v1', { openTasks: 2 })], { volunteerId: 'v1' }],
    ['grid boundary holds even when the other grid has free hands', [v('v1', { openTasks: 2 }), v('v2', { gridIds: ['g2'] })], { volunteerId: 'v1' }],
    ['off duty is skipped even with the fewest tasks', [v('v1', { onDuty: false }), v('v2', { openTasks: 2 })], { volunteerId: 'v2' }],
    ['one serving several grids may take it', [v('v1', { gridIds: ['g0', 'g1'] })], { volunteerId: 'v1' }],
  ] as const)('%s', (_name, volunteers, expected) => {
    const plan = planAssignments([d('d1')], volunteers);

    if ('reason' in expected) {
      expect(plan).toEqual({ assignments: [], waiting: [{ deliveryId: 'd1', reason: expected.reason }] });
    } else {
      expect(plan).toEqual({ assignments: [{ deliveryId: 'd1', volunteerId: expected.volunteerId }], waiting: [] });
    }
  });

  it('never sends a volunteer outside their grids, whatever the load', () => {
    const deliveries = Array.from({ length: 12 }, (_, i) => d(`d${i}`, { gridId: `g${i % 3}` }));
    const volunteers = [v('a', { gridIds: ['g0'], capacity: 10 }), v('b', { gridIds: ['g1', 'g2'], capacity: 10 })];

    const plan = planAssignments(deliveries, volunteers);

    const gridOf = new Map(deliveries.map((x) => [x.deliveryId, x.gridId]));
    const served = new Map(volunteers.map((x) => [x.volunteerId, x.gridIds]));
    expect(plan.assignments).toHaveLength(12);
    for (const a of plan.assignments) expect(served.get(a.volunteerId)).toContain(gridOf.get(a.deliveryId));
  });
});

describe('planAssignments: fairness and capacity', () => {
  it('picks the one with the fewest open tasks', () => {
    const plan = planAssignments([d('d1')], [v('v1', { openTasks: 2 }), v('v2', { openTasks: 1 }), v('v3', { openTasks: 2 })]);

    expect(plan.assignments).toEqual([{ deliveryId: 'd1', volunteerId: 'v2' }]);
  });

  it('counts each assignment before placing the next, levelling the load', () => {
    const plan = planAssignments(
      ['d1', 'd2', 'd3', 'd4', 'd5'].map((id) => d(id)),
      [v('v1', { openTasks: 2 }), v('v2', { openTasks: 0 }), v('v3', { openTasks: 1 })],
    );

    // Loads before each step: v1 2, v2 0, v3 1 → v2; 2,1,1 → v3 (tie with v2, who already got one
    // this round); 2,1,2 → v2; 2,2,2 → v1 (none this round); 3,2,2 → v3 (one this round, v2 two).
    expect(plan.assignments.map((a) => a.volunteerId)).toEqual(['v2', 'v3', 'v2', 'v1', 'v3']);
  });

  it.each([
    // name, deliveries, volunteers, who gets the last delivery
    // d1 goes to v2 (no tasks); then both hold one, and v1 has had none this round.
    ['fewest given in this round', ['d1', 'd2'], [v('v1', { openTasks: 1 }), v('v2')], 'v1'],
    ['never assigned before someone who was', ['d1'], [v('v1', { lastAssignedAt: at('08:00') }), v('v2')], 'v2'],
    ['longest since their last task', ['d1'], [v('v1', { lastAssignedAt: at('08:30') }), v('v2', { lastAssignedAt: '2020-03-12T00:10:00Z' })], 'v2'],
    ['volunteer id when all else is equal', ['d1'], [v('v2'), v('v1')], 'v1'],
    ['an unreadable last time counts as never', ['d1'], [v('v1', { lastAssignedAt: at('08:00') }), v('v2', { lastAssignedAt: 'garbage' })], 'v2'],
  ] as const)('breaks a tie on open tasks by %s', (_name, ids, volunteers, winner) => {
    const plan = planAssignments(ids.map((id) => d(id)), volunteers);

    expect(plan.assignments.at(-1)!.volunteerId).toBe(winner);
  });

  it('takes turns among volunteers with equal loads instead of always favouring the same id', () => {
    const plan = planAssignments(
      ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'].map((id) => d(id)),
      [v('v3'), v('v1'), v('v2')],
    );

    expect(plan.assignments.map((a) => a.volunteerId)).toEqual(['v1', 'v2', 'v3', 'v1', 'v2', 'v3']);
  });

  it('among equals who both had tasks this round, the one served earlier goes next, whatever the ids', () => {
    // d1 → v2 (never assigned, v1 was); d2 → v1 (fewer tasks); then both hold one, both got one
    // this round, and v2 got theirs earlier: the rotation keeps going v2, v1, v2 rather than by id.
    const plan = planAssignments([d('d1'), d('d2'), d('d3')], [v('v1', { lastAssignedAt: at('08:00') }), v('v2')]);

    expect(plan.assignments.map((a) => a.volunteerId)).toEqual(['v2', 'v1', 'v2']);
  });

  it('5 volunteers of capacity 3 take 15 of 20 deliveries, never more than 3 each', () => {
    const deliveries = Array.from({ length: 20 }, (_, i) => d(`d${String(i).padStart(2, '0')}`, { requestedAt: at(`09:${String(i).padStart(2, '0')}`) }));
    const volunteers = ['v1', 'v2', 'v3', 'v4', 'v5'].map((id, i) => v(id, { openTasks: i % 2 }));

    const plan = planAssignments(deliveries, volunteers);

    const load = new Map(volunteers.map((x) => [x.volunteerId, x.openTasks]));
    for (const a of plan.assignments) load.set(a.volunteerId, load.get(a.volunteerId)! + 1);
    expect(plan.assignments).toHaveLength(15 - 2); // v2 and v4 already held one each
    expect([...load.values()]).toEqual([3, 3, 3, 3, 3]);
    expect(plan.waiting.map((w) => w.deliveryId)).toEqual(['d13', 'd14', 'd15', 'd16', 'd17', 'd18', 'd19']);
    expect(new Set(plan.waiting.map((w) => w.reason))).toEqual(new Set(['all-at-capacity']));
  });
});

describe('planAssignments: determinism and input hygiene', () => {
  const deliveries = Array.from({ length: 60 }, (_, i) =>
    d(`d${i}`, {
      gridId: `g${i % 4}`,
      priority: (['medical', 'hardship', 'normal'] as const)[i % 3]!,
      requestedAt: at(`0${i % 10}:${String(i % 60).padStart(2, '0')}`),
      ...(i % 5 === 0 ? { callNumber: i } : {}),
    }),
  );
  const volunteers = Array.from({ length: 9 }, (_, i) =>
    v(`v${i}`, { gridIds: [`g${i % 4}`, `g${(i + 1) % 4}`], capacity: 2 + (i % 3), openTasks: i % 2, onDuty: i !== 4 }),
  );

  it('gives the same plan whatever the order of either input', () => {
    const reference = planAssignments(deliveries, volunteers);

    for (const seed of [1, 2, 3, 4, 5]) {
      expect(planAssignments(shuffled(deliveries, seed), shuffled(volunteers, seed + 100))).toEqual(reference);
    }
  });

  it('accounts for every delivery exactly once and no volunteer over capacity', () => {
    const plan = planAssignments(deliveries, volunteers);

    const ids = [...plan.assignments.map((a) => a.deliveryId), ...plan.waiting.map((w) => w.deliveryId)];
    expect(ids.sort()).toEqual(deliveries.map((x) => x.deliveryId).sort());
    for (const vol of volunteers) {
      const got = plan.assignments.filter((a) => a.volunteerId === vol.volunteerId).length;
      expect(vol.openTasks + got).toBeLessThanOrEqual(Math.max(vol.capacity, vol.openTasks));
      if (!vol.onDuty) expect(got).toBe(0);
    }
  });

  it('plans a delivery listed twice once', () => {
    const plan = planAssignments([d('d1'), d('d1'), d('d2')], [v('v1')]);

    expect(plan.assignments.map((a) => a.deliveryId)).toEqual(['d1', 'd2']);
    expect(plan.waiting).toEqual([]);
  });

  it('takes a volunteer listed twice from the first entry', () => {
    const plan = planAssignments([d('d1'), d('d2')], [v('v1', { capacity: 1 }), v('v1', { capacity: 5 })]);

    expect(plan.assignments).toEqual([{ deliveryId: 'd1', volunteerId: 'v1' }]);
    expect(plan.waiting).toEqual([{ deliveryId: 'd2', reason: 'all-at-capacity' }]);
  });

  it('does not count a volunteer twice who lists a grid twice', () => {
    const plan = planAssignments([d('d1'), d('d2')], [v('v1', { gridIds: ['g1', 'g1'], capacity: 1 })]);

    expect(plan.assignments).toHaveLength(1);
  });

  it('leaves its inputs untouched', () => {
    const ds = [d('d2'), d('d1', { priority: 'medical' })];
    const vs = [v('v1')];
    const before = structuredClone({ ds, vs });

    planAssignments(ds, vs);

    expect({ ds, vs }).toEqual(before);
  });

  it('is empty for no deliveries', () => {
    expect(planAssignments([], [v('v1')])).toEqual({ assignments: [], waiting: [] });
  });

  it('plans 10,000 deliveries across 200 volunteers in 40 grids, levelled within each grid', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      d(`d${i}`, { gridId: `g${i % 40}`, priority: i % 17 === 0 ? 'medical' : 'normal', requestedAt: `2020-03-12T${String(i % 24).padStart(2, '0')}:00:00+08:00` }),
    );
    const crew = Array.from({ length: 200 }, (_, i) => v(`v${String(i).padStart(3, '0')}`, { gridIds: [`g${i % 40}`], capacity: 60 }));

    const plan = planAssignments(many, crew);

    const load = new Map<string, number>();
    for (const a of plan.assignments) load.set(a.volunteerId, (load.get(a.volunteerId) ?? 0) + 1);
    expect(plan.assignments).toHaveLength(10_000);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });
});
