import { describe, expect, it } from 'vitest';
import { nextStreak, qualifies } from '../../src/closing/streak.ts';
import { defaultPolicy } from '../../src/policy.ts';

const policy = { ...defaultPolicy, epidemicFreeDays: 3, minDisinfectionRounds: 2 };
const good = { newCases: 0, openCases: 0, reported: true, disinfectionRounds: 2 };

describe('qualifies and nextStreak', () => {
  it.each([
    ['a quiet, reported, disinfected day', good, true],
    ['a new case', { ...good, newCases: 1 }, false],
    ['a case reported earlier and still open', { ...good, openCases: 1 }, false],
    ['no daily report that counts (none, or only a late one nobody approved)', { ...good, reported: false }, false],
    ['one disinfection round too few', { ...good, disinfectionRounds: 1 }, false],
  ])('%s → %s', (_name, day, expected) => {
    expect(qualifies(day, policy)).toBe(expected);
  });

  it('counts consecutive qualifying days and certifies from the N-th, with the day the streak began', () => {
    let streak = nextStreak('2020-03-01', good, undefined, policy);
    streak = nextStreak('2020-03-02', good, streak, policy);
    const third = nextStreak('2020-03-03', good, streak, policy);
    const broken = nextStreak('2020-03-04', { ...good, newCases: 2 }, third, policy);

    expect(streak).toEqual({ zeroStreakDays: 2, epidemicFree: false });
    expect(third).toEqual({ zeroStreakDays: 3, epidemicFree: true, since: '2020-03-01' });
    expect(broken).toEqual({ zeroStreakDays: 0, epidemicFree: false });
  });
});
