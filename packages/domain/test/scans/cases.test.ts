import { describe, expect, it } from 'vitest';
import { caseNewDay, releaseCase } from '../../src/scans/cases.ts';
import { deriveCodeStatus } from '../../src/scans/code-color.ts';
import type { OpenCase } from '../../src/scans/code-color.ts';

const confirmed: OpenCase = { caseId: 'c1', category: 'confirmed', quarantine: 'central', reportedAt: '2020-03-12T09:00:00+08:00' };
const contact: OpenCase = { caseId: 'c2', category: 'close-contact', quarantine: 'home', reportedAt: '2020-03-10T09:00:00+08:00' };
const released: OpenCase = { caseId: 'c3', category: 'suspected', quarantine: 'none', reportedAt: '2020-03-01T09:00:00+08:00', releasedAt: '2020-03-05T09:00:00+08:00' };

describe('caseNewDay', () => {
  it.each([
    ['2020-03-12T23:30:00+08:00', 'Asia/Shanghai', '2020-03-12'],
    ['2020-03-12T00:00:00+08:00', 'Asia/Shanghai', '2020-03-12'],
    ['2020-03-12T16:30:00Z', 'Asia/Shanghai', '2020-03-13'],
    ['2020-03-12T15:59:59Z', 'Asia/Shanghai', '2020-03-12'],
    ['2020-03-12T16:30:00Z', 'UTC', '2020-03-12'],
    ['2020-03-12T23:30:00+08:00', 'UTC', '2020-03-12'],
    ['2020-03-12T07:30:00+08:00', 'UTC', '2020-03-11'],
  ])('a case reported at %s in %s is new on %s', (reportedAt, timeZone, day) => {
    // Act
    const result = caseNewDay({ reportedAt }, timeZone);

    // Assess
    expect(result).toBe(day);
  });
});

describe('releaseCase', () => {
  it('marks the case released and leaves the others as they were', () => {
    // Prepare
    const cases = [confirmed, contact, released];

    // Act
    const outcome = releaseCase(cases, 'c1', '2020-03-20T09:00:00+08:00');

    // Assess
    expect(outcome).toEqual({
      ok: true,
      released: { ...confirmed, releasedAt: '2020-03-20T09:00:00+08:00' },
      cases: [{ ...confirmed, releasedAt: '2020-03-20T09:00:00+08:00' }, contact, released],
    });
  });

  it('does not change the list it was given', () => {
    // Prepare
    const cases = Object.freeze([Object.freeze({ ...confirmed }), contact]);

    // Act
    const outcome = releaseCase(cases, 'c1', '2020-03-20T09:00:00+08:00');

    // Assess
    expect(outcome.ok).toBe(true);
    expect(cases[0]).toEqual(confirmed);
    expect(cases[0]).not.toHaveProperty('releasedAt');
  });

  it.each([
    ['an unknown case', [confirmed, contact], 'nope', { ok: false, error: 'not-found' }],
    ['no cases at all', [], 'c1', { ok: false, error: 'not-found' }],
    ['a case already released', [confirmed, released], 'c3', { ok: false, error: 'already-released', releasedAt: '2020-03-05T09:00:00+08:00' }],
  ] as const)('refuses %s with an error value', (_name, cases, caseId, expected) => {
    // Act
    const outcome = releaseCase(cases, caseId, '2020-03-20T09:00:00+08:00');

    // Assess
    expect(outcome).toEqual(expected);
  });

  it('refuses a second release of the same case, and tells when the first one was', () => {
    // Prepare
    const first = releaseCase([contact], 'c2', '2020-03-20T09:00:00+08:00');
    if (!first.ok) throw new Error('first release failed');

    // Act
    const second = releaseCase(first.cases, 'c2', '2020-03-21T09:00:00+08:00');

    // Assess
    expect(second).toEqual({ ok: false, error: 'already-released', releasedAt: '2020-03-20T09:00:00+08:00' });
  });

  it.each([
    ['the only open case turns the code green', [contact], 'c2', { codeColor: 'green', quarantine: 'none' }],
    ['another open case still holds the code', [confirmed, contact], 'c1', { codeColor: 'yellow', quarantine: 'home' }],
    ['releasing the milder case leaves the worse one', [confirmed, contact], 'c2', { codeColor: 'red', quarantine: 'central' }],
  ] as const)('%s', (_name, cases, caseId, status) => {
    // Act
    const outcome = releaseCase(cases, caseId, '2020-03-20T09:00:00+08:00');

    // Assess
    if (!outcome.ok) throw new Error(outcome.error);
    expect(deriveCodeStatus(outcome.cases)).toEqual(status);
  });
});
