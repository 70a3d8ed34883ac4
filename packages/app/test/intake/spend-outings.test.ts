import { describe, expect, it } from 'vitest';
import type { OutingsPort, OutingsState } from '@firstline/domain';
import { defaultPolicy } from '@firstline/domain';
import { spendOutings } from '../../src/intake/spend-outings.ts';

const quota = { perHousehold: 1, everyDays: 3 };
const out = (scanId: string, day: string, wanted = true) => ({ scanId, day, wanted });

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
