import { describe, expect, it } from 'vitest';
import { healthCodePolicyInput, provinceReportMessage } from '../src/province.schema.ts';

const message = {
  v: 1, eventId: 'demo:case-1:registered', kind: 'registered', caseId: 'case-1', personId: 'p_abcdefghijklmnopqrstuvwx',
  category: 'close-contact', quarantine: 'home', at: '2020-03-12T09:00:00+08:00',
};

describe('provinceReportMessage', () => {
  it('takes a case event', () => {
    expect(provinceReportMessage.parse(message)).toEqual(message);
  });

  it.each([
    ['an event id of another case', { eventId: 'demo:case-2:registered' }, 'eventId'],
    ['an event id of another kind', { eventId: 'demo:case-1:released' }, 'eventId'],
    ['a raw ID number for the person', { personId: '42010219900101001X' }, 'personId'],
    ['a stray field (personal data must not ride along)', { name: '张三' }, ''],
  ])('refuses %s', (_what, change, path) => {
    const parsed = provinceReportMessage.safeParse({ ...message, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('healthCodePolicyInput', () => {
  it('takes an order of providers and refuses one listed twice or none', () => {
    expect(healthCodePolicyInput.parse({ accept: ['province', 'firstline'] })).toEqual({ accept: ['province', 'firstline'] });
    expect(healthCodePolicyInput.safeParse({ accept: ['province', 'province'] }).success).toBe(false);
    expect(healthCodePolicyInput.safeParse({ accept: [] }).success).toBe(false);
    expect(healthCodePolicyInput.safeParse({ accept: ['alipay'] }).success).toBe(false);
  });
});
