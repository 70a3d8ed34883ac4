import { describe, expect, it } from 'vitest';
import { decideOutings, outingsLeft, quotaDay } from '../../src/intake/pass-quota.ts';

const quota = { perHousehold: 1, everyDays: 3 };
const out = (scanId: string, day: string, wanted = true) => ({ scanId, day, wanted });

describe('decideOutings', () => {
  it.each([
    ['first out is allowed', [], [out('a', '2020-03-10')], [true]],
    ['second out the same day is refused', [], [out('a', '2020-03-10'), out('b', '2020-03-10')], [true, false]],
    ['day 3 of the window is still inside', [{ scanId: 'x', day: '2020-03-10' }], [out('a', '2020-03-12')], [false]],
    ['day 4 opens a new window', [{ scanId: 'x', day: '2020-03-10' }], [out('a', '2020-03-13')], [true]],
    ['a late upload before an outing is checked against it', [{ scanId: 'x', day: '2020-03-10' }], [out('a', '2020-03-08')], [false]],
    ['a scan already counted keeps its place', [{ scanId: 'a', day: '2020-03-10' }], [out('a', '2020-03-10')], [true]],
    ['a scan denied for another reason spends nothing', [], [out('a', '2020-03-10', false), out('b', '2020-03-10')], [true, true]],
  ] as const)('%s', (_name, stored, scans, expected) => {
    const { allowed } = decideOutings(stored, scans, quota);

    expect(scans.map((s) => allowed.get(s.scanId))).toEqual(expected);
  });

  it('allows n outings in the window when the quota is n', () => {
    const { allowed } = decideOutings([], [out('a', '2020-03-10'), out('b', '2020-03-11'), out('c', '2020-03-11')], { perHousehold: 2, everyDays: 3 });

    expect([...allowed.values()]).toEqual([true, true, false]);
  });

  it('forgets outings no window can need any more', () => {
    const { outings } = decideOutings([{ scanId: 'old', day: '2020-03-01' }], [out('a', '2020-03-20')], quota);

    expect(outings).toEqual([{ scanId: 'a', day: '2020-03-20' }]);
  });
});

describe('outingsLeft', () => {
  it('counts the outings of the window that ends today, and never goes below zero', () => {
    const outings = [{ scanId: 'a', day: '2020-03-08' }, { scanId: 'b', day: '2020-03-10' }];

    expect(outingsLeft(outings, '2020-03-10', quota)).toBe(0);
    expect(outingsLeft(outings, '2020-03-13', quota)).toBe(1);
    expect(outingsLeft(outings, '2020-03-12', { perHousehold: 3, everyDays: 3 })).toBe(2);
    expect(outingsLeft(outings, '2020-03-10', { perHousehold: 1, everyDays: 7 })).toBe(0);
  });
});

describe('quotaDay', () => {
  it('keeps an out scan on its own day while today\'s windows still see it', () => {
    expect(quotaDay('2020-03-10', '2020-03-12', quota)).toBe('2020-03-10');
    expect(quotaDay('2020-03-12', '2020-03-12', quota)).toBe('2020-03-12');
  });

  it('moves an outing dated back beyond the window up to the oldest day the window still sees, so today\'s quota cannot be freed', () => {
    const day = quotaDay('2020-03-09', '2020-03-12', quota);
    const { allowed } = decideOutings([{ scanId: 'today', day: '2020-03-12' }], [out('backdated', day)], quota);

    expect(day).toBe('2020-03-10');
    expect(allowed.get('backdated')).toBe(false);
  });
});
