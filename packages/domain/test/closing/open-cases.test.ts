import { describe, expect, it } from 'vitest';
import { openCasesOn, openOn } from '../../src/closing/open-cases.ts';
import { releaseNeedsApproval, releaseTimeProblem } from '../../src/intake/case-release.ts';

describe('openOn', () => {
  it('is open from its report day until the day before its release day', () => {
    const c = { day: '2020-03-02', releasedDay: '2020-03-05' };

    expect(['2020-03-01', '2020-03-02', '2020-03-04', '2020-03-05', '2020-03-06'].map((d) => openOn(c, d))).toEqual([false, true, true, false, false]);
  });

  it('stays open while not released, and counts every open case of the grid', () => {
    const cases = [{ day: '2020-03-01' }, { day: '2020-03-03', releasedDay: '2020-03-04' }, { day: '2020-03-05' }];

    expect(openCasesOn(cases, '2020-03-03')).toBe(2);
    expect(openCasesOn(cases, '2020-03-04')).toBe(1);
    expect(openCasesOn(cases, '2020-03-20')).toBe(2);
  });
});

describe('case release rules', () => {
  it.each([
    ['confirmed', 'none', true],
    ['confirmed', 'home', true],
    ['suspected', 'central', true],
    ['close-contact', 'central', true],
    ['suspected', 'home', false],
    ['fever-unexcluded', 'none', false],
    ['close-contact', 'home', false],
  ] as const)('%s in %s quarantine needs a second person: %s', (category, quarantine, expected) => {
    expect(releaseNeedsApproval({ category, quarantine })).toBe(expected);
  });

  it('refuses a release dated before the report', () => {
    expect(releaseTimeProblem('2020-03-12T10:00:00+08:00', '2020-03-12T09:59:59+08:00')).toMatch(/before the case was reported/);
    expect(releaseTimeProblem('2020-03-12T10:00:00+08:00', '2020-03-12T02:00:00Z')).toBeUndefined();
  });
});
