import { describe, expect, it } from 'vitest';
import { caseColor, deriveCodeStatus, isOpen } from '../../src/intake/code-status.ts';
import type { CaseCategory, OpenCase } from '../../src/intake/code-status.ts';
import type { QuarantineState } from '../../src/residents/resident.ts';

let nextId = 0;
const aCase = (category: CaseCategory, quarantine: QuarantineState = 'none', releasedAt?: string): OpenCase => ({
  caseId: `c${++nextId}`,
  category,
  quarantine,
  reportedAt: '2020-03-12T09:00:00+08:00',
  ...(releasedAt === undefined ? {} : { releasedAt }),
});

const categories: CaseCategory[] = ['confirmed', 'suspected', 'fever-unexcluded', 'close-contact'];
const quarantines: QuarantineState[] = ['none', 'home', 'central'];

describe('caseColor', () => {
  it.each([
    ['confirmed', 'none', 'red'],
    ['confirmed', 'home', 'red'],
    ['confirmed', 'central', 'red'],
    ['suspected', 'none', 'red'],
    ['suspected', 'home', 'red'],
    ['suspected', 'central', 'red'],
    ['fever-unexcluded', 'none', 'yellow'],
    ['fever-unexcluded', 'home', 'yellow'],
    ['fever-unexcluded', 'central', 'red'],
    ['close-contact', 'none', 'yellow'],
    ['close-contact', 'home', 'yellow'],
    ['close-contact', 'central', 'red'],
  ] as const)('%s under %s quarantine → %s', (category, quarantine, color) => {
    // Act
    const result = caseColor({ category, quarantine });

    // Assess
    expect(result).toBe(color);
  });
});

describe('deriveCodeStatus', () => {
  it('is green and free with no cases', () => {
    // Act
    const status = deriveCodeStatus([]);

    // Assess
    expect(status).toEqual({ codeColor: 'green', quarantine: 'none' });
  });

  it.each(categories.flatMap((category) => quarantines.map((quarantine) => [category, quarantine] as const)))(
    'one open %s case under %s quarantine gives its colour and quarantine',
    (category, quarantine) => {
      // Prepare
      const cases = [aCase(category, quarantine)];

      // Act
      const status = deriveCodeStatus(cases);

      // Assess
      expect(status).toEqual({ codeColor: caseColor({ category, quarantine }), quarantine });
    },
  );

  it.each([
    // name, cases, colour, quarantine
    ['red beats yellow', [aCase('close-contact'), aCase('confirmed')], 'red', 'none'],
    ['yellow beats nothing', [aCase('fever-unexcluded')], 'yellow', 'none'],
    ['the strictest quarantine wins independently of colour', [aCase('confirmed', 'none'), aCase('close-contact', 'home')], 'red', 'home'],
    ['central beats home', [aCase('close-contact', 'home'), aCase('fever-unexcluded', 'central')], 'red', 'central'],
    ['home beats none', [aCase('suspected', 'none'), aCase('close-contact', 'home'), aCase('fever-unexcluded', 'none')], 'red', 'home'],
    ['a released case no longer counts', [aCase('confirmed', 'central', '2020-03-20T09:00:00+08:00')], 'green', 'none'],
    ['a released red case leaves the open yellow one', [aCase('confirmed', 'central', '2020-03-20T09:00:00+08:00'), aCase('close-contact', 'home')], 'yellow', 'home'],
    ['an empty releasedAt still means released', [aCase('suspected', 'home', '')], 'green', 'none'],
    ['all released', [aCase('close-contact', 'home', '2020-03-20T09:00:00+08:00'), aCase('suspected', 'none', '2020-03-21T09:00:00+08:00')], 'green', 'none'],
  ] as const)('%s', (_name, cases, codeColor, quarantine) => {
    // Act
    const status = deriveCodeStatus(cases);

    // Assess
    expect(status).toEqual({ codeColor, quarantine });
  });

  it('does not depend on the order of the cases', () => {
    // Prepare
    const cases = [aCase('close-contact', 'home'), aCase('suspected'), aCase('fever-unexcluded', 'central', '2020-03-20T09:00:00+08:00')];
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    // Act
    const statuses = orders.map((o) => deriveCodeStatus(o.map((i) => cases[i]!)));

    // Assess
    for (const s of statuses) expect(s).toEqual({ codeColor: 'red', quarantine: 'home' });
  });
});

describe('isOpen', () => {
  it.each([
    [{}, true],
    [{ releasedAt: undefined }, true],
    [{ releasedAt: '2020-03-20T09:00:00+08:00' }, false],
  ])('%o → %s', (c, open) => {
    // Act
    const result = isOpen(c);

    // Assess
    expect(result).toBe(open);
  });
});
