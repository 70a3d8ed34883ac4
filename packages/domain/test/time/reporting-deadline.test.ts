import { describe, expect, it } from 'vitest';
import { localInstant } from '../../src/time/local-time.ts';
import { isLateLog, logDeadline } from '../../src/time/reporting-deadline.ts';

const policy = { reportingDeadline: '18:00' };

describe('localInstant', () => {
  it.each([
    ['Asia/Shanghai', '2020-03-12', '18:00', '2020-03-12T10:00:00.000Z'],
    ['UTC', '2020-03-12', '00:00', '2020-03-12T00:00:00.000Z'],
    ['America/New_York', '2020-03-07', '18:00', '2020-03-07T23:00:00.000Z'],
    // The day after the clocks went forward: UTC−4.
    ['America/New_York', '2020-03-09', '18:00', '2020-03-09T22:00:00.000Z'],
    ['Asia/Kathmandu', '2020-03-12', '18:00', '2020-03-12T12:15:00.000Z'],
  ])('%s %s %s is %s', (timeZone, day, time, expected) => {
    expect(localInstant(day, time, timeZone).toISOString()).toBe(expected);
  });
});

describe('isLateLog', () => {
  it('is on time up to the deadline of its own day and late after it', () => {
    expect(logDeadline('2020-03-12', policy, 'Asia/Shanghai').toISOString()).toBe('2020-03-12T10:00:00.000Z');
    expect(isLateLog('2020-03-12', new Date('2020-03-12T17:59:59+08:00'), policy, 'Asia/Shanghai')).toBe(false);
    expect(isLateLog('2020-03-12', new Date('2020-03-12T18:00:00+08:00'), policy, 'Asia/Shanghai')).toBe(false);
    expect(isLateLog('2020-03-12', new Date('2020-03-12T18:00:01+08:00'), policy, 'Asia/Shanghai')).toBe(true);
    expect(isLateLog('2020-03-11', new Date('2020-03-12T08:00:00+08:00'), policy, 'Asia/Shanghai')).toBe(true);
  });

  it('reads the deadline from the district\'s policy', () => {
    expect(isLateLog('2020-03-12', new Date('2020-03-12T21:00:00+08:00'), { reportingDeadline: '22:00' }, 'Asia/Shanghai')).toBe(false);
  });
});
