import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/calendar.ts';
import { defaultPolicy } from '../../src/policy.ts';
import type { Policy } from '../../src/policy.ts';
import { decideHouseholdScans, noOutings, outingsInWindow, recordOuting } from '../../src/scans/pass-quota.ts';
import type { HouseholdScan, OutingState } from '../../src/scans/pass-quota.ts';
import type { Direction, ScanSubject } from '../../src/scans/verdict.ts';

const quota = (perHousehold: number, everyDays: number): Policy => ({ ...defaultPolicy, outings: { perHousehold, everyDays } });
const noQuota: Policy = defaultPolicy;
const green: ScanSubject = { kind: 'person', codeColor: 'green', quarantine: 'none' };
const SH = 'Asia/Shanghai';

// Deterministic PRNG so a failing property test fails the same way every run.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Brute force over the definition: the fullest window of `everyDays` days containing `day`.
function bruteForce(history: readonly string[], day: string, everyDays: number): number {
  let most = 0;
  for (let shift = 0; shift < everyDays; shift++) {
    const from = addDays(day, -shift);
    const to = addDays(from, everyDays - 1);
    most = Math.max(most, history.filter((d) => d >= from && d <= to).length);
  }
  return most;
}

describe('outingsInWindow', () => {
  it('is null when the policy has no pass quota, so the verdict applies none', () => {
    // Act
    const used = outingsInWindow(['2020-03-12'], '2020-03-12', noQuota);

    // Assess
    expect(used).toBeNull();
  });

  it.each([
    // name, state, day, perHousehold, everyDays, expected
    ['nothing recorded', [], '2020-03-12', 1, 3, 0],
    ['same day', ['2020-03-10'], '2020-03-10', 1, 3, 1],
    ['one day later', ['2020-03-10'], '2020-03-11', 1, 3, 1],
    ['last day of the window', ['2020-03-10'], '2020-03-12', 1, 3, 1],
    ['first day after the window', ['2020-03-10'], '2020-03-13', 1, 3, 0],
    ['across a leap-year month end', ['2020-02-28'], '2020-03-01', 1, 3, 1],
    ['after a leap-year month end', ['2020-02-28'], '2020-03-02', 1, 3, 0],
    ['across a year end', ['2019-12-30'], '2020-01-01', 1, 3, 1],
    ['several on one day', ['2020-03-10', '2020-03-10'], '2020-03-11', 2, 3, 2],
    ['only the ones in the window', ['2020-03-01', '2020-03-09', '2020-03-10'], '2020-03-11', 2, 3, 2],
    ['a one-day window is that day only', ['2020-03-10'], '2020-03-11', 1, 1, 0],
    ['a one-day window on the day', ['2020-03-10', '2020-03-10'], '2020-03-10', 3, 1, 2],
    ['a late scan sees a later outing in its window', ['2020-03-12'], '2020-03-10', 1, 3, 1],
    ['a late scan outside every window of the later outing', ['2020-03-12'], '2020-03-09', 1, 3, 0],
    ['the fullest window containing the day counts', ['2020-03-08', '2020-03-12', '2020-03-13'], '2020-03-11', 2, 3, 2],
    ['a window shorter than one day counts as one day', ['2020-03-10'], '2020-03-10', 1, 0, 1],
  ] as const)('%s', (_name, state, day, perHousehold, everyDays, expected) => {
    // Act
    const used = outingsInWindow(state, day, quota(perHousehold, everyDays));

    // Assess
    expect(used).toBe(expected);
  });

  it('matches the brute-force definition on random histories', () => {
    // Prepare
    const random = prng(7);
    const cases = Array.from({ length: 300 }, () => {
      const everyDays = 1 + Math.floor(random() * 6);
      const history = Array.from({ length: Math.floor(random() * 8) }, () => addDays('2020-03-01', Math.floor(random() * 20))).sort();
      const day = addDays('2020-03-01', Math.floor(random() * 24) - 2);
      return { everyDays, history, day };
    });

    // Act
    const actual = cases.map((c) => outingsInWindow(c.history, c.day, quota(99, c.everyDays)));

    // Assess
    expect(actual).toEqual(cases.map((c) => bruteForce(c.history, c.day, c.everyDays)));
  });
});

describe('recordOuting', () => {
  it.each([
    // name, state, day, everyDays, expected
    ['into an empty state', [], '2020-03-12', 3, ['2020-03-12']],
    ['keeps days ascending', ['2020-03-12'], '2020-03-11', 3, ['2020-03-11', '2020-03-12']],
    ['keeps repeats of a day', ['2020-03-12'], '2020-03-12', 3, ['2020-03-12', '2020-03-12']],
    ['keeps 2 × everyDays − 1 days up to the newest', ['2020-03-07', '2020-03-08', '2020-03-10'], '2020-03-12', 3, ['2020-03-08', '2020-03-10', '2020-03-12']],
    ['drops everything a window can no longer need', ['2020-03-01', '2020-03-05'], '2020-03-20', 3, ['2020-03-20']],
    ['drops a late outing that is older than anything needed', ['2020-03-20'], '2020-03-01', 3, ['2020-03-20']],
    ['a one-day window keeps only the newest day', ['2020-03-11', '2020-03-12'], '2020-03-12', 1, ['2020-03-12', '2020-03-12']],
  ] as const)('%s', (_name, state, day, everyDays, expected) => {
    // Act
    const next = recordOuting(state, day, quota(1, everyDays));

    // Assess
    expect(next).toEqual(expected);
  });

  it('keeps nothing when the policy has no pass quota', () => {
    // Act
    const next = recordOuting(['2020-03-11'], '2020-03-12', noQuota);

    // Assess
    expect(next).toEqual(noOutings);
  });

  it('does not change the state it was given', () => {
    // Prepare
    const state = Object.freeze(['2020-03-01', '2020-03-12']);

    // Act
    const next = recordOuting(state, '2020-03-11', quota(1, 3));

    // Assess
    expect(state).toEqual(['2020-03-01', '2020-03-12']);
    expect(next).not.toBe(state);
  });

  it('prunes without changing any count from everyDays − 1 days before the newest outing onwards', () => {
    // Prepare
    const random = prng(11);
    const runs = Array.from({ length: 200 }, () => {
      const everyDays = 1 + Math.floor(random() * 5);
      const days = Array.from({ length: 1 + Math.floor(random() * 12) }, () => addDays('2020-03-01', Math.floor(random() * 25)));
      return { everyDays, days };
    });

    for (const { everyDays, days } of runs) {
      const policy = quota(99, everyDays);

      // Act
      const pruned = days.reduce<OutingState>((s, d) => recordOuting(s, d, policy), noOutings);

      // Assess
      const newest = [...days].sort().at(-1)!;
      for (const q of daysBetween(addDays(newest, -(everyDays - 1)), addDays(newest, everyDays + 1))) {
        expect(outingsInWindow(pruned, q, policy)).toBe(bruteForce(days, q, everyDays));
      }
    }
  });
});

const scan = (scanId: string, scannedAt: string, direction: Direction = 'out', extra: Partial<HouseholdScan> = {}): HouseholdScan => ({
  scanId,
  scannedAt,
  direction,
  subject: green,
  temperatureC: 36.5,
  ...extra,
});
const reasons = (o: { results: readonly { scanId: string; reason: string }[] }) => o.results.map((r) => `${r.scanId}:${r.reason}`);

describe('decideHouseholdScans', () => {
  it.each([
    {
      name: 'the second out scan of one upload on the same day is over quota',
      policy: quota(1, 3),
      state: [],
      scans: [scan('a', '2020-03-12T09:00:00+08:00'), scan('b', '2020-03-12T10:00:00+08:00')],
      expected: ['a:ok', 'b:pass-quota'],
      state2: ['2020-03-12'],
    },
    {
      name: 'the earliest scan takes the quota even when it is listed last',
      policy: quota(1, 3),
      state: [],
      scans: [scan('late', '2020-03-12T10:00:00+08:00'), scan('early', '2020-03-12T08:00:00+08:00')],
      expected: ['late:pass-quota', 'early:ok'],
      state2: ['2020-03-12'],
    },
    {
      name: 'scan time, not the text of the timestamp, decides the order',
      policy: quota(1, 3),
      state: [],
      // 09:00+08:00 is 01:00Z, before 02:00Z although it sorts after it as text.
      scans: [scan('z', '2020-03-12T02:00:00Z'), scan('plus8', '2020-03-12T09:00:00+08:00')],
      expected: ['z:pass-quota', 'plus8:ok'],
      state2: ['2020-03-12'],
    },
    {
      name: 'equal scan times keep the order given',
      policy: quota(1, 3),
      state: [],
      scans: [scan('first', '2020-03-12T09:00:00+08:00'), scan('second', '2020-03-12T01:00:00Z')],
      expected: ['first:ok', 'second:pass-quota'],
      state2: ['2020-03-12'],
    },
    {
      name: 'the n-th out scan inside the window is denied, the next window is open again',
      policy: quota(2, 3),
      state: [],
      scans: [
        scan('d10a', '2020-03-10T09:00:00+08:00'),
        scan('d11', '2020-03-11T09:00:00+08:00'),
        scan('d12', '2020-03-12T09:00:00+08:00'),
        scan('d13', '2020-03-13T09:00:00+08:00'),
        scan('d14', '2020-03-14T09:00:00+08:00'),
        scan('d14b', '2020-03-14T10:00:00+08:00'),
      ],
      expected: ['d10a:ok', 'd11:ok', 'd12:pass-quota', 'd13:ok', 'd14:ok', 'd14b:pass-quota'],
      state2: ['2020-03-10', '2020-03-11', '2020-03-13', '2020-03-14'],
    },
    {
      name: 'a window rolls over after everyDays days',
      policy: quota(1, 3),
      state: [],
      scans: [scan('d10', '2020-03-10T09:00:00+08:00'), scan('d12', '2020-03-12T23:59:00+08:00'), scan('d13', '2020-03-13T00:00:00+08:00')],
      expected: ['d10:ok', 'd12:pass-quota', 'd13:ok'],
      state2: ['2020-03-10', '2020-03-13'],
    },
    {
      name: 'outings recorded by earlier requests count',
      policy: quota(1, 3),
      state: ['2020-03-11'],
      scans: [scan('a', '2020-03-12T09:00:00+08:00')],
      expected: ['a:pass-quota'],
      state2: ['2020-03-11'],
    },
    {
      name: 'coming in neither spends nor checks the quota',
      policy: quota(1, 3),
      state: ['2020-03-12'],
      scans: [scan('in1', '2020-03-12T08:00:00+08:00', 'in'), scan('in2', '2020-03-12T09:00:00+08:00', 'in')],
      expected: ['in1:ok', 'in2:ok'],
      state2: ['2020-03-12'],
    },
    {
      name: 'an out scan denied for a fever spends nothing',
      policy: quota(1, 3),
      state: [],
      scans: [scan('hot', '2020-03-12T08:00:00+08:00', 'out', { temperatureC: 38.0 }), scan('ok', '2020-03-12T09:00:00+08:00')],
      expected: ['hot:fever', 'ok:ok'],
      state2: ['2020-03-12'],
    },
    {
      name: 'out scans denied for code, quarantine or identity spend nothing',
      policy: quota(1, 3),
      state: [],
      scans: [
        scan('yellow', '2020-03-12T08:00:00+08:00', 'out', { subject: { kind: 'person', codeColor: 'yellow', quarantine: 'none' } }),
        scan('red', '2020-03-12T08:10:00+08:00', 'out', { subject: { kind: 'person', codeColor: 'red', quarantine: 'none' } }),
        scan('home', '2020-03-12T08:20:00+08:00', 'out', { subject: { kind: 'person', codeColor: 'green', quarantine: 'home' } }),
        scan('bad', '2020-03-12T08:30:00+08:00', 'out', { subject: { kind: 'invalid-code' } }),
        scan('who', '2020-03-12T08:40:00+08:00', 'out', { subject: { kind: 'unknown-person' } }),
        scan('ok', '2020-03-12T09:00:00+08:00'),
        scan('again', '2020-03-12T09:10:00+08:00'),
      ],
      expected: ['yellow:code-yellow', 'red:code-red', 'home:quarantine', 'bad:invalid-code', 'who:unknown-person', 'ok:ok', 'again:pass-quota'],
      state2: ['2020-03-12'],
    },
    {
      name: 'without a pass quota every clear out scan is allowed and the state is left alone',
      policy: noQuota,
      state: ['2020-03-01'],
      scans: [scan('a', '2020-03-12T08:00:00+08:00'), scan('b', '2020-03-12T09:00:00+08:00'), scan('c', '2020-03-12T10:00:00+08:00')],
      expected: ['a:ok', 'b:ok', 'c:ok'],
      state2: ['2020-03-01'],
    },
    {
      name: 'a quota of zero denies every out scan',
      policy: quota(0, 3),
      state: [],
      scans: [scan('out', '2020-03-12T08:00:00+08:00'), scan('in', '2020-03-12T09:00:00+08:00', 'in')],
      expected: ['out:pass-quota', 'in:ok'],
      state2: [],
    },
    {
      name: 'a late scan cannot squeeze into a window that holds a later outing',
      policy: quota(1, 3),
      state: ['2020-03-12'],
      scans: [scan('late', '2020-03-10T09:00:00+08:00'), scan('older', '2020-03-09T09:00:00+08:00')],
      expected: ['late:pass-quota', 'older:ok'],
      state2: ['2020-03-09', '2020-03-12'],
    },
  ] as const)('$name', ({ policy, state, scans, expected, state2 }) => {
    // Act
    const outcome = decideHouseholdScans(state, scans, policy, SH);

    // Assess
    expect(reasons(outcome)).toEqual(expected);
    expect(outcome.state).toEqual(state2);
  });

  it.each([
    // Shanghai: 23:30 and 00:30 are two days; UTC: 15:30Z and 16:30Z are one day.
    [SH, ['late:ok', 'early:ok']],
    ['UTC', ['late:ok', 'early:pass-quota']],
  ] as const)('counts outings on district days (%s)', (timeZone, expected) => {
    // Prepare
    const scans = [scan('late', '2020-03-12T23:30:00+08:00'), scan('early', '2020-03-13T00:30:00+08:00')];

    // Act
    const outcome = decideHouseholdScans([], scans, quota(1, 1), timeZone);

    // Assess
    expect(reasons(outcome)).toEqual(expected);
  });

  it('answers every scan with its id, verdict, reason and fever flag, in the order given', () => {
    // Prepare
    const scans = [scan('b', '2020-03-12T10:00:00+08:00', 'in', { temperatureC: 37.3 }), scan('a', '2020-03-12T09:00:00+08:00')];

    // Act
    const outcome = decideHouseholdScans([], scans, quota(1, 3), SH);

    // Assess
    expect(outcome.results).toEqual([
      { scanId: 'b', verdict: 'deny', reason: 'fever', fever: true },
      { scanId: 'a', verdict: 'allow', reason: 'ok', fever: false },
    ]);
  });

  it('never lets a window hold more allowed outs than the quota, however the scans are split into requests', () => {
    // Prepare
    const random = prng(3);
    for (let run = 0; run < 100; run++) {
      const perHousehold = 1 + Math.floor(random() * 3);
      const everyDays = 1 + Math.floor(random() * 5);
      const policy = quota(perHousehold, everyDays);
      const all = Array.from({ length: 4 + Math.floor(random() * 30) }, (_, i) => {
        const at = Date.UTC(2020, 2, 1) + Math.floor(random() * 20 * 86_400_000);
        const hot = random() < 0.15;
        return scan(`s${i}`, new Date(at).toISOString(), random() < 0.7 ? 'out' : 'in', hot ? { temperatureC: 38.5 } : {});
      });
      all.sort((a, b) => Date.parse(a.scannedAt) - Date.parse(b.scannedAt));
      // Requests arrive in time order but each is shuffled inside.
      const requests: HouseholdScan[][] = [];
      for (let i = 0; i < all.length; ) {
        const size = 1 + Math.floor(random() * 6);
        requests.push(all.slice(i, i + size).sort(() => random() - 0.5));
        i += size;
      }

      // Act
      let state: OutingState = noOutings;
      const allowedOutDays: string[] = [];
      const quotaDenied: HouseholdScan[] = [];
      for (const request of requests) {
        const outcome = decideHouseholdScans(state, request, policy, 'UTC');
        state = outcome.state;
        outcome.results.forEach((r, i) => {
          const s = request[i]!;
          if (s.direction === 'out' && r.verdict === 'allow') allowedOutDays.push(s.scannedAt.slice(0, 10));
          if (r.reason === 'pass-quota') quotaDenied.push(s);
        });
      }

      // Assess
      // A quota denial is only ever an out scan whose window really is full.
      for (const s of quotaDenied) {
        expect(s.direction).toBe('out');
        expect(bruteForce(allowedOutDays, s.scannedAt.slice(0, 10), everyDays)).toBeGreaterThanOrEqual(perHousehold);
      }
      const first = '2020-03-01';
      for (const from of daysBetween(addDays(first, -everyDays), '2020-03-22')) {
        const to = addDays(from, everyDays - 1);
        expect(allowedOutDays.filter((d) => d >= from && d <= to).length).toBeLessThanOrEqual(perHousehold);
      }
      expect(state.length).toBeLessThanOrEqual(2 * perHousehold);
    }
  });

  it('allows as many outs as the quota holds: greedy in time order, not stingy', () => {
    // Prepare: one clear out scan a day for 9 days, quota 1 every 3 days.
    const scans = daysBetween('2020-03-01', '2020-03-09').map((d) => scan(d, `${d}T12:00:00Z`));

    // Act
    const outcome = decideHouseholdScans([], scans, quota(1, 3), 'UTC');

    // Assess
    expect(outcome.results.filter((r) => r.verdict === 'allow').map((r) => r.scanId)).toEqual(['2020-03-01', '2020-03-04', '2020-03-07']);
  });
});
