import { describe, expect, it } from 'vitest';
import type { CounterWindow, LookupLimit, WindowCounters } from '../../src/intake/lookup-limit.ts';
import { checkIdLookups, countIdMisses, idLookupLimits, lookupCaller } from '../../src/intake/lookup-limit.ts';

/** Fixed-window counters in memory, as the DynamoDB store keeps them. */
class MemoryCounters implements WindowCounters {
  readonly counts_ = new Map<string, number>();
  readonly expiries = new Map<string, number>();
  async counts(windows: readonly CounterWindow[]) {
    return windows.map((w) => this.counts_.get(`${w.counter}@${w.windowStart}`) ?? 0);
  }
  async add(w: CounterWindow, amount: number, expiresAt: number) {
    const key = `${w.counter}@${w.windowStart}`;
    this.counts_.set(key, (this.counts_.get(key) ?? 0) + amount);
    this.expiries.set(key, expiresAt);
  }
}

const limits: readonly LookupLimit[] = [
  { per: 'caller', windowSeconds: 60, max: 5 },
  { per: 'checkpoint', windowSeconds: 60, max: 8 },
];
const t0 = Date.parse('2020-03-12T09:00:10Z');
const stranger = (checkpointId = 'cp1') => ({ checkpointId, idNumber: '110101190001010000' });
const unknown = { reason: 'unknown-person' };
const found = { reason: 'ok' };

describe('ID-number lookups that match nobody', () => {
  it('refuses an upload once the caller has spent its window, with the seconds until the window ends', async () => {
    const counters = new MemoryCounters();
    await countIdMisses(counters, 'sub:gate-1', Array.from({ length: 5 }, () => stranger()), Array(5).fill(unknown), t0, limits);

    const decision = await checkIdLookups(counters, 'sub:gate-1', [stranger()], t0 + 1_000, limits);

    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 49, message: expect.stringContaining('this token: 5 per 1 min') });
  });

  it('lets the next window through, and another caller meanwhile', async () => {
    const counters = new MemoryCounters();
    await countIdMisses(counters, 'sub:gate-1', Array.from({ length: 5 }, () => stranger()), Array(5).fill(unknown), t0, limits);

    expect((await checkIdLookups(counters, 'sub:gate-1', [stranger()], t0 + 60_000, limits)).allowed).toBe(true);
    expect((await checkIdLookups(counters, 'sub:gate-2', [stranger()], t0, limits)).allowed).toBe(true);
  });

  it('limits a checkpoint across callers', async () => {
    const counters = new MemoryCounters();
    for (const caller of ['sub:a', 'sub:b']) await countIdMisses(counters, caller, Array.from({ length: 4 }, () => stranger('cp7')), Array(4).fill(unknown), t0, limits);

    const decision = await checkIdLookups(counters, 'sub:c', [stranger('cp7')], t0, limits);

    expect(decision).toMatchObject({ allowed: false, message: expect.stringContaining('checkpoint cp7') });
  });

  it('counts only ID numbers that matched nobody: residents found, and codes, cost nothing', async () => {
    const counters = new MemoryCounters();
    const scans = [stranger(), stranger(), { checkpointId: 'cp1' }, stranger()];

    await countIdMisses(counters, 'sub:gate-1', scans, [found, unknown, unknown, found], t0, limits);

    expect([...counters.counts_.values()]).toEqual([1, 1]);
    expect([...counters.expiries.values()]).toEqual([Math.floor(t0 / 60_000) * 60 + 60, Math.floor(t0 / 60_000) * 60 + 60]);
  });

  it('never refuses an upload without ID numbers, however spent the budgets', async () => {
    const counters = new MemoryCounters();
    await countIdMisses(counters, 'sub:gate-1', Array.from({ length: 9 }, () => stranger()), Array(9).fill(unknown), t0, limits);

    expect((await checkIdLookups(counters, 'sub:gate-1', [{ checkpointId: 'cp1' }], t0, limits)).allowed).toBe(true);
  });

  it('lets a full backlog of 100 strangers through an unspent window: no budget is smaller than an upload', () => {
    expect(Math.min(...idLookupLimits.map((l) => l.max))).toBeGreaterThanOrEqual(100);
  });

  it("counts a token by its subject, or by the token itself (hashed) when it names none", () => {
    expect(lookupCaller('gate-1', 'Bearer a')).toBe('sub:gate-1');
    expect(lookupCaller('', 'Bearer a')).toMatch(/^token:[A-Za-z0-9_-]{32}$/);
    expect(lookupCaller('', 'Bearer a')).not.toBe(lookupCaller('', 'Bearer b'));
    expect(lookupCaller('', 'Bearer a')).not.toContain('Bearer');
  });
});
