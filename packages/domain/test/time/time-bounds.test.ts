import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { defaultPolicy } from '../../src/policy.ts';
import { dayBounds, isLiveScan, requireDayWithinBounds, requireWithinBounds, timeBounds, timeProblems } from '../../src/time/time-bounds.ts';

const now = new Date('2020-03-12T12:00:00+08:00');
const policy = { backlogHours: 72 };

describe('timeBounds and requireWithinBounds', () => {
  it('spans the backlog window before the server\'s clock and two minutes of skew after it', () => {
    expect(timeBounds(policy, now)).toEqual({ earliest: new Date('2020-03-09T12:00:00+08:00'), latest: new Date('2020-03-12T12:02:00+08:00') });
    expect(timeBounds({ backlogHours: 24 }, now).earliest).toEqual(new Date('2020-03-11T12:00:00+08:00'));
    expect(defaultPolicy.backlogHours).toBe(72);
  });

  it.each([
    ['the edge of the backlog window', '2020-03-09T12:00:00+08:00', undefined],
    ['a second before it', '2020-03-09T11:59:59+08:00', /more than 72 h before/],
    ['years back', '2016-03-12T10:00:00+08:00', /more than 72 h before/],
    ['the edge of the skew', '2020-03-12T04:02:00Z', undefined],
    ['a second after it', '2020-03-12T12:02:01+08:00', /in the future/],
    ['ten days ahead', '2020-03-22T09:00:00+08:00', /in the future/],
    ['year 0000 at +08:00 (year −1 in UTC)', '0000-01-01T00:00:00+08:00', /four digits/],
    ['a six-digit year', '+012020-03-12T09:00:00+08:00', /four digits|not a time/],
    ['no time at all', 'yesterday', /not a time/],
  ])('%s', (_name, at, expected) => {
    const [problem] = timeProblems([{ path: 'reportedAt', at }], policy, now);

    if (expected === undefined) expect(problem).toBeUndefined();
    else expect(problem).toEqual({ path: 'reportedAt', message: expect.stringMatching(expected) });
  });

  it('throws one ValidationError naming every field outside, and nothing when all are inside', () => {
    const times = [
      { path: 'scans.0.scannedAt', at: '2020-03-12T11:00:00+08:00' },
      { path: 'scans.3.scannedAt', at: '2019-03-12T11:00:00+08:00' },
      { path: 'scans.4.scannedAt', at: '2020-03-13T11:00:00+08:00' },
    ];

    const error = (() => { try { requireWithinBounds(times, policy, now); } catch (e) { return e; } })();

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details.map((d) => d.path)).toEqual(['scans.3.scannedAt', 'scans.4.scannedAt']);
    expect(() => requireWithinBounds(times.slice(0, 1), policy, now)).not.toThrow();
  });
});

describe('requireDayWithinBounds', () => {
  const day = (d: string) => (() => { try { requireDayWithinBounds('date', d, policy, now, 'Asia/Shanghai'); return undefined; } catch (e) { return (e as ValidationError).details[0]!.message; } })();

  it('accepts today and the days the backlog window still reaches', () => {
    expect(dayBounds(policy, now, 'Asia/Shanghai')).toEqual({ earliest: '2020-03-09', latest: '2020-03-12' });
    expect([day('2020-03-12'), day('2020-03-10'), day('2020-03-09')]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses a future day and a day the lock has passed, saying which', () => {
    expect(day('2020-03-13')).toMatch(/future day/);
    expect(day('2020-03-22')).toMatch(/future day/);
    expect(day('2020-03-08')).toMatch(/locked/);
    expect(day('0000-01-01')).toMatch(/not a day/);
  });

  it('takes tomorrow once the skew reaches past local midnight', () => {
    const lateEvening = new Date('2020-03-12T23:59:00+08:00');
    expect(() => requireDayWithinBounds('date', '2020-03-13', policy, lateEvening, 'Asia/Shanghai')).not.toThrow();
  });
});

describe('isLiveScan', () => {
  it('is live within two minutes before the server\'s clock (and any time after), a backlog before that', () => {
    expect(isLiveScan(new Date('2020-03-12T11:58:00+08:00'), now)).toBe(true);
    expect(isLiveScan(new Date('2020-03-12T12:01:00+08:00'), now)).toBe(true);
    expect(isLiveScan(new Date('2020-03-12T11:57:59+08:00'), now)).toBe(false);
  });
});
