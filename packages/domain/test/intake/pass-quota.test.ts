import { describe, expect, it } from 'vitest';
import type { OutingsPort, OutingsState } from '../../src/intake/pass-quota.ts';
import { decideOutings, spendOutings } from '../../src/intake/pass-quota.ts';
import { defaultPolicy } from '../../src/policy.ts';

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

describe('spendOutings', () => {
  it('retries on a concurrent save and decides on the state it lost to', async () => {
    let state: OutingsState = { outings: [], version: 0 };
    let raced = false;
    const port: OutingsPort = {
      load: async () => state,
      save: async (_id, next) => {
        if (!raced) {
          raced = true;
          state = { outings: [{ scanId: 'other-gate', day: '2020-03-10' }], version: 1 };
          return false;
        }
        if (next.version !== state.version) return false;
        state = { outings: next.outings, version: next.version + 1 };
        return true;
      },
    };

    const allowed = await spendOutings(port, 'h1', [out('mine', '2020-03-10')], { ...defaultPolicy, outings: quota });

    expect(allowed.get('mine')).toBe(false);
    expect(state.outings.map((o) => o.scanId)).toEqual(['other-gate']);
  });

  it('allows everything without a quota policy, reading nothing', async () => {
    const port: OutingsPort = { load: () => Promise.reject(new Error('read')), save: () => Promise.reject(new Error('write')) };

    const allowed = await spendOutings(port, 'h1', [out('a', '2020-03-10')], defaultPolicy);

    expect(allowed.get('a')).toBe(true);
  });
});
