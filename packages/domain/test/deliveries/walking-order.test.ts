import { describe, expect, it } from 'vitest';
import { walkingOrder } from '../../src/deliveries/walking-order.ts';
import type { WalkingTask } from '../../src/deliveries/walking-order.ts';

const t = (deliveryId: string, buildingId: string, requestedAt: string, callNumber?: number): WalkingTask & { note: string } => ({
  deliveryId, buildingId, requestedAt, note: `task ${deliveryId}`, ...(callNumber === undefined ? {} : { callNumber }),
});

describe('walkingOrder', () => {
  it.each([
    // name, tasks in, ids out
    ['building first, in natural order', [t('a', 'B10', '2020-03-12T08:00:00+08:00'), t('b', 'B2', '2020-03-12T09:00:00+08:00'), t('c', 'B1', '2020-03-12T10:00:00+08:00')], ['c', 'b', 'a']],
    ['then call number, as numbers', [t('a', 'B1', '2020-03-12T08:00:00+08:00', 10), t('b', 'B1', '2020-03-12T08:00:00+08:00', 9)], ['b', 'a']],
    ['call number before request time', [t('a', 'B1', '2020-03-12T08:00:00+08:00', 2), t('b', 'B1', '2020-03-12T09:00:00+08:00', 1)], ['b', 'a']],
    ['numbered before unnumbered in a building', [t('a', 'B1', '2020-03-12T08:00:00+08:00'), t('b', 'B1', '2020-03-12T09:00:00+08:00', 7)], ['b', 'a']],
    ['then oldest request, as instants', [t('a', 'B1', '2020-03-12T09:00:00+08:00'), t('b', 'B1', '2020-03-12T00:30:00Z')], ['b', 'a']],
    ['then delivery id', [t('b', 'B1', '2020-03-12T09:00:00+08:00'), t('a', 'B1', '2020-03-12T09:00:00+08:00')], ['a', 'b']],
    ['building beats an earlier call number', [t('a', 'B2', '2020-03-12T08:00:00+08:00', 1), t('b', 'B1', '2020-03-12T08:00:00+08:00', 5)], ['b', 'a']],
    ['nothing to walk', [], []],
  ] as const)('%s', (_name, tasks, ids) => {
    const ordered = walkingOrder(tasks);

    expect(ordered.map((x) => x.deliveryId)).toEqual(ids);
  });

  it('returns a new array of the same tasks, with their other fields, and leaves the input alone', () => {
    const tasks = [t('a', 'B2', '2020-03-12T08:00:00+08:00'), t('b', 'B1', '2020-03-12T08:00:00+08:00')];

    const ordered = walkingOrder(tasks);

    expect(tasks.map((x) => x.deliveryId)).toEqual(['a', 'b']);
    expect(ordered).toEqual([tasks[1], tasks[0]]);
    expect(ordered[0]!.note).toBe('task b');
  });
});
