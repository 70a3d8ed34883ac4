import { describe, expect, it } from 'vitest';
import {
  countOpenAtEndOf, cumulativeOpen, deliveryCounts, deliveryFigures, medianMinutesToDeliver, mergeCountDeltas,
  minutesToDeliver, openChange, transitionCounts,
} from '../../src/deliveries/delivery-counters.ts';
import type { DeliveryCountDelta } from '../../src/deliveries/delivery-counters.ts';
import { applyDeliveryEvent, queueDelivery } from '../../src/deliveries/delivery-status.ts';
import type { DeliveryEvent } from '../../src/deliveries/delivery-status.ts';
import type { Delivery, DeliveryOrder } from '../../src/deliveries/delivery-types.ts';

const shanghai = 'Asia/Shanghai';
const order = (deliveryId: string, requestedAt: string, gridId = 'g1'): DeliveryOrder => ({
  deliveryId, gridId, buildingId: 'B1', householdId: `h-${deliveryId}`, kind: 'groceries', items: [], priority: 'normal', requestedAt,
});

/** Every intermediate delivery of a life, starting with `undefined` (not yet created). */
function life(o: DeliveryOrder, steps: readonly [DeliveryEvent, string, string][]): (Delivery | undefined)[] {
  const states: (Delivery | undefined)[] = [undefined, queueDelivery(o)];
  for (const [event, by, at] of steps) {
    const r = applyDeliveryEvent(states.at(-1)!, event, by, at);
    if (!r.ok) throw new Error(r.message);
    states.push(r.delivery);
  }
  return states;
}
const assign = (at: string): [DeliveryEvent, string, string] => [{ type: 'assign', volunteerId: 'v1' }, 'd', at];
const pick = (at: string): [DeliveryEvent, string, string] => [{ type: 'picked-up' }, 'v1', at];
const hand = (at: string): [DeliveryEvent, string, string] => [{ type: 'delivered' }, 'v1', at];
const fail = (at: string): [DeliveryEvent, string, string] => [{ type: 'failed', reason: 'not-home' }, 'v1', at];
const cancel = (at: string): [DeliveryEvent, string, string] => [{ type: 'cancel' }, 'd', at];

/** The counter deltas of each step of a life, merged. */
function liveCounts(states: readonly (Delivery | undefined)[], timeZone = shanghai): DeliveryCountDelta[] {
  const deltas: DeliveryCountDelta[] = [];
  for (let i = 1; i < states.length; i++) deltas.push(...transitionCounts(states[i - 1], states[i]!, timeZone));
  return mergeCountDeltas(deltas);
}

describe('transitionCounts: which counters change on which day', () => {
  it.each([
    // name, step from → to, expected deltas
    ['a new delivery is requested on its request day', (s: (Delivery | undefined)[]) => [undefined, s[1]], [{ gridId: 'g1', day: '2020-03-12', counts: { requested: 1 } }]],
    ['assigning counts nothing', (s: (Delivery | undefined)[]) => [s[1], s[2]], []],
    ['picking up counts nothing', (s: (Delivery | undefined)[]) => [s[2], s[3]], []],
    ['a failure that requeues counts nothing', (s: (Delivery | undefined)[]) => [s[3], s[4]], []],
    ['the final hand-over counts on its own day, with its minutes', (s: (Delivery | undefined)[]) => [s[6], s[7]], [{ gridId: 'g1', day: '2020-03-13', counts: { delivered: 1, 'minutes.1470': 1 } }]],
    ['a repeated event (same delivery on both sides) counts nothing', (s: (Delivery | undefined)[]) => [s[7], s[7]], []],
  ] as const)('%s', (_name, pickStep, expected) => {
    // requested 09:00 on the 12th; delivered 09:30 on the 13th = 24h30m = 1470 minutes.
    const states = life(order('d1', '2020-03-12T09:00:00+08:00'), [
      assign('2020-03-12T09:05:00+08:00'), pick('2020-03-12T09:10:00+08:00'), fail('2020-03-12T09:40:00+08:00'),
      assign('2020-03-13T09:00:00+08:00'), pick('2020-03-13T09:10:00+08:00'), hand('2020-03-13T09:30:00+08:00'),
    ]);
    const [before, after] = pickStep(states);

    expect(transitionCounts(before, after!, shanghai)).toEqual(expected);
  });

  it.each([
    ['a second failure', [assign('2020-03-12T10:00:00+08:00'), fail('2020-03-12T10:30:00+08:00'), assign('2020-03-12T11:00:00+08:00'), fail('2020-03-12T12:00:00+08:00')], { failed: 1 }],
    ['a cancellation', [assign('2020-03-12T10:00:00+08:00'), cancel('2020-03-12T12:00:00+08:00')], { cancelled: 1 }],
    ['a cancellation in the queue', [cancel('2020-03-12T12:00:00+08:00')], { cancelled: 1 }],
  ] as const)('%s ends the delivery on its day', (_name, steps, counts) => {
    const states = life(order('d1', '2020-03-12T09:00:00+08:00'), steps);

    expect(transitionCounts(states.at(-2), states.at(-1)!, shanghai)).toEqual([{ gridId: 'g1', day: '2020-03-12', counts }]);
  });

  it.each([
    // time zone, request day, hand-over day
    [shanghai, '2020-03-11', '2020-03-12'],
    ['UTC', '2020-03-11', '2020-03-11'],
    ['America/New_York', '2020-03-11', '2020-03-11'],
  ])('reads days in the district time zone (%s)', (timeZone, requestDay, handDay) => {
    // 23:50 and 00:20 Shanghai time: the day changes in between only in Shanghai.
    const states = life(order('d1', '2020-03-11T23:50:00+08:00'), [assign('2020-03-11T23:55:00+08:00'), pick('2020-03-12T00:00:00+08:00'), hand('2020-03-12T00:20:00+08:00')]);

    expect(transitionCounts(undefined, states[1]!, timeZone)).toEqual([{ gridId: 'g1', day: requestDay, counts: { requested: 1 } }]);
    expect(transitionCounts(states.at(-2), states.at(-1)!, timeZone)).toEqual([{ gridId: 'g1', day: handDay, counts: { delivered: 1, 'minutes.30': 1 } }]);
  });

  it('sums, step by step, to the recount of the whole life', () => {
    const lives = [
      life(order('a', '2020-03-12T09:00:00+08:00'), [assign('2020-03-12T09:01:00+08:00'), pick('2020-03-12T09:02:00+08:00'), hand('2020-03-12T09:45:30+08:00')]),
      life(order('b', '2020-03-12T23:00:00+08:00'), [assign('2020-03-12T23:30:00+08:00'), fail('2020-03-13T00:10:00+08:00'), assign('2020-03-13T08:00:00+08:00'), fail('2020-03-13T09:00:00+08:00')]),
      life(order('c', '2020-03-13T10:00:00+08:00', 'g2'), [cancel('2020-03-14T10:00:00+08:00')]),
      life(order('d', '2020-03-13T11:00:00+08:00'), [assign('2020-03-13T11:01:00+08:00'), pick('2020-03-13T11:02:00+08:00')]),
    ];

    for (const states of lives) {
      expect(liveCounts(states)).toEqual(deliveryCounts(states.at(-1)!, shanghai));
    }
    expect(mergeCountDeltas(lives.flatMap((s) => deliveryCounts(s.at(-1)!, shanghai)))).toEqual([
      { gridId: 'g1', day: '2020-03-12', counts: { requested: 2, delivered: 1, 'minutes.45': 1 } },
      { gridId: 'g1', day: '2020-03-13', counts: { failed: 1, requested: 1 } },
      { gridId: 'g2', day: '2020-03-13', counts: { requested: 1 } },
      { gridId: 'g2', day: '2020-03-14', counts: { cancelled: 1 } },
    ]);
  });

  it('skips the minutes of a delivery whose times cannot be read, but still counts it', () => {
    const d = { gridId: 'g1', requestedAt: '2020-03-12T09:00:00+08:00', status: 'delivered' as const, history: [{ status: 'delivered' as const, at: '2020-03-12 10:00:00+08:00' }] };

    expect(deliveryCounts(d, shanghai)).toEqual([{ gridId: 'g1', day: '2020-03-12', counts: { requested: 1, delivered: 1 } }]);
  });
});

describe('minutesToDeliver', () => {
  it.each([
    ['2020-03-12T09:00:00+08:00', '2020-03-12T09:00:00+08:00', 0],
    ['2020-03-12T09:00:00+08:00', '2020-03-12T09:00:59.999+08:00', 0], // whole minutes, rounded down
    ['2020-03-12T09:00:00+08:00', '2020-03-12T09:01:00+08:00', 1],
    ['2020-03-12T09:00:00+08:00', '2020-03-12T01:45:00Z', 45], // offsets differ
    ['2020-03-12T09:00:00+08:00', '2020-03-12T08:58:00+08:00', 0], // a clock behind: never negative
    ['2020-03-12T09:00:00+08:00', 'later', null],
    ['2020-03-12T09:00:00', '2020-03-12T10:00:00+08:00', null], // no offset: unreadable
  ])('%s → %s = %s', (requestedAt, deliveredAt, minutes) => {
    expect(minutesToDeliver(requestedAt, deliveredAt)).toBe(minutes);
  });
});

describe('mergeCountDeltas', () => {
  const batches: DeliveryCountDelta[][] = [
    [{ gridId: 'g1', day: '2020-03-12', counts: { requested: 3, 'minutes.5': 1 } }, { gridId: 'g2', day: '2020-03-12', counts: { requested: 1 } }],
    [{ gridId: 'g1', day: '2020-03-12', counts: { delivered: 2, 'minutes.5': 1, 'minutes.40': 1 } }],
    [{ gridId: 'g1', day: '2020-03-13', counts: { failed: 1 } }, { gridId: 'g1', day: '2020-03-12', counts: { requested: 1 } }],
  ];

  it('sums per grid and day', () => {
    expect(mergeCountDeltas(batches.flat())).toEqual([
      { gridId: 'g1', day: '2020-03-12', counts: { requested: 4, 'minutes.5': 2, delivered: 2, 'minutes.40': 1 } },
      { gridId: 'g2', day: '2020-03-12', counts: { requested: 1 } },
      { gridId: 'g1', day: '2020-03-13', counts: { failed: 1 } },
    ]);
  });

  it('merging merged batches is the same as merging everything at once', () => {
    const byKey = (ds: DeliveryCountDelta[]) => Object.fromEntries(ds.map((x) => [`${x.gridId}|${x.day}`, x.counts]));

    const nested = mergeCountDeltas([...mergeCountDeltas([...batches[0]!, ...batches[1]!]), ...mergeCountDeltas(batches[2]!)]);
    const reversed = mergeCountDeltas([...batches].reverse().flat());

    expect(byKey(nested)).toEqual(byKey(mergeCountDeltas(batches.flat())));
    expect(byKey(reversed)).toEqual(byKey(mergeCountDeltas(batches.flat())));
  });

  it('drops names and grid-days that cancel out', () => {
    const merged = mergeCountDeltas([
      { gridId: 'g1', day: '2020-03-12', counts: { delivered: 1, 'minutes.5': 1, requested: 1 } },
      { gridId: 'g1', day: '2020-03-12', counts: { delivered: -1, 'minutes.5': -1 } },
      { gridId: 'g2', day: '2020-03-12', counts: { requested: 1 } },
      { gridId: 'g2', day: '2020-03-12', counts: { requested: -1 } },
    ]);

    expect(merged).toEqual([{ gridId: 'g1', day: '2020-03-12', counts: { requested: 1 } }]);
  });

  it('is empty for nothing', () => {
    expect(mergeCountDeltas([])).toEqual([]);
  });
});

describe('medianMinutesToDeliver', () => {
  const histogram = (minutes: readonly number[]) => {
    const counts: Record<string, number> = {};
    for (const m of minutes) counts[`minutes.${m}`] = (counts[`minutes.${m}`] ?? 0) + 1;
    return counts;
  };

  it.each([
    ['nothing delivered', [], null],
    ['one delivery', [42], 42],
    ['an odd number', [30, 5, 12], 12],
    ['an even number: the mean of the middle two', [30, 5, 12, 40], 21],
    ['the middle two in one bucket', [10, 20, 20, 90], 20],
    ['a half minute when the middle two differ by one', [3, 4], 3.5],
    ['buckets past 99 sort as numbers, not strings', [9, 100, 1000], 100],
    ['many in one bucket', [7, 7, 7, 7, 7, 200], 7],
  ])('%s', (_name, minutes, median) => {
    expect(medianMinutesToDeliver(histogram(minutes))).toBe(median);
  });

  it('is exact over batches merged in any grouping', () => {
    const all = Array.from({ length: 101 }, (_, i) => (i * 37) % 97);
    const sorted = [...all].sort((a, b) => a - b);
    const batches = [all.slice(0, 30), all.slice(30, 31), all.slice(31)].map((ms) => ({ gridId: 'g1', day: '2020-03-12', counts: histogram(ms) }));

    const merged = mergeCountDeltas(batches);

    expect(medianMinutesToDeliver(merged[0]!.counts)).toBe(sorted[50]);
  });

  it('ignores other counters and empty or negative buckets', () => {
    expect(medianMinutesToDeliver({ requested: 9, delivered: 2, 'minutes.10': 1, 'minutes.20': 1, 'minutes.5': 0, 'minutes.1': -1 })).toBe(15);
  });
});

describe('open deliveries', () => {
  const lives = [
    // requested 12th, delivered 13th
    life(order('a', '2020-03-12T09:00:00+08:00'), [assign('2020-03-12T09:01:00+08:00'), pick('2020-03-12T09:02:00+08:00'), hand('2020-03-13T08:00:00+08:00')]),
    // requested 12th, still open
    life(order('b', '2020-03-12T10:00:00+08:00'), [assign('2020-03-12T10:01:00+08:00')]),
    // requested 13th, requeued once (still open) then failed on the 15th
    life(order('c', '2020-03-13T10:00:00+08:00'), [assign('2020-03-13T10:01:00+08:00'), fail('2020-03-13T11:00:00+08:00'), assign('2020-03-15T09:00:00+08:00'), fail('2020-03-15T10:00:00+08:00')]),
    // requested and cancelled on the 14th
    life(order('d', '2020-03-14T10:00:00+08:00'), [cancel('2020-03-14T11:00:00+08:00')]),
    // requested 23:59 on the 14th Shanghai time
    life(order('e', '2020-03-14T15:59:00Z'), []),
  ].map((states) => states.at(-1)!);

  it.each([
    ['2020-03-11', 0],
    ['2020-03-12', 2], // a, b
    ['2020-03-13', 2], // b, c (a delivered)
    ['2020-03-14', 3], // b, c, e (d opened and closed)
    ['2020-03-15', 2], // b, e (c failed for good)
    ['2020-03-20', 2],
  ])('at the end of %s: %i, from the records and from the daily counters alike', (day, open) => {
    const daily = mergeCountDeltas(lives.flatMap((x) => deliveryCounts(x, shanghai)));

    expect(countOpenAtEndOf(lives, day, shanghai)).toBe(open);
    expect(cumulativeOpen(daily, day)).toBe(open);
  });

  it('a day changes the open count by requested minus ended', () => {
    expect(openChange({ requested: 5, delivered: 2, failed: 1, cancelled: 1, 'minutes.3': 2 })).toBe(1);
    expect(openChange({})).toBe(0);
  });
});

describe('deliveryFigures', () => {
  it('reads a grid-day as the daily report shows it', () => {
    expect(deliveryFigures({ requested: 5, delivered: 2, failed: 1, 'minutes.10': 1, 'minutes.31': 1 })).toEqual({
      requested: 5, delivered: 2, failed: 1, cancelled: 0, medianMinutesToDeliver: 20.5,
    });
    expect(deliveryFigures({})).toEqual({ requested: 0, delivered: 0, failed: 0, cancelled: 0, medianMinutesToDeliver: null });
  });
});
