import { describe, expect, it } from 'vitest';
import type { PersonCase } from '../../src/intake/code-status.ts';
import { deriveCodeStatus } from '../../src/intake/code-status.ts';

const open = (category: PersonCase['category'], quarantine: PersonCase['quarantine'] = 'none', releasedAt?: string): PersonCase => ({
  caseId: `${category}-${quarantine}`, category, quarantine, reportedAt: '2020-03-01T09:00:00+08:00', releasedAt,
});

describe('deriveCodeStatus', () => {
  it.each([
    ['no cases', [], 'green', 'none'],
    ['confirmed', [open('confirmed')], 'red', 'none'],
    ['suspected', [open('suspected')], 'red', 'none'],
    ['fever not yet excluded', [open('fever-unexcluded')], 'yellow', 'none'],
    ['close contact', [open('close-contact')], 'yellow', 'none'],
    ['close contact in central quarantine', [open('close-contact', 'central')], 'red', 'central'],
    ['close contact at home', [open('close-contact', 'home')], 'yellow', 'home'],
    ['the worst open case wins', [open('close-contact', 'home'), open('confirmed', 'central')], 'red', 'central'],
    ['a released case no longer counts', [open('confirmed', 'central', '2020-03-10T09:00:00+08:00')], 'green', 'none'],
    ['another open case still holds it', [open('confirmed', 'central', '2020-03-10T09:00:00+08:00'), open('close-contact', 'home')], 'yellow', 'home'],
  ] as const)('%s → %s, quarantine %s', (_name, cases, codeColor, quarantine) => {
    expect(deriveCodeStatus(cases)).toEqual({ codeColor, quarantine });
  });
});
