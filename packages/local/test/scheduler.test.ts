import { describe, expect, it } from 'vitest';
import { nextDailyRun, nextRun } from '../src/scheduler.ts';

describe('nextDailyRun', () => {
  it.each([
    // cron, zone, now, next
    ['cron(5 0 * * ? *)', 'Asia/Shanghai', '2020-03-12T15:00:00Z', '2020-03-12T16:05:00.000Z'],
    ['cron(5 0 * * ? *)', 'Asia/Shanghai', '2020-03-12T16:05:00Z', '2020-03-13T16:05:00.000Z'],
    ['cron(5 0 * * ? *)', 'Asia/Shanghai', '2020-03-12T16:04:59Z', '2020-03-12T16:05:00.000Z'],
    ['cron(30 2 * * ? *)', 'UTC', '2020-03-12T02:31:00Z', '2020-03-13T02:30:00.000Z'],
    // New York switched to daylight time on 2020-03-08: local 00:05 is 04:05Z after, 05:05Z before.
    ['cron(5 0 * * ? *)', 'America/New_York', '2020-03-07T06:00:00Z', '2020-03-08T05:05:00.000Z'],
    ['cron(5 0 * * ? *)', 'America/New_York', '2020-03-09T00:00:00Z', '2020-03-09T04:05:00.000Z'],
  ])('%s in %s after %s is %s', (cron, zone, now, next) => {
    expect(nextDailyRun(cron, zone, new Date(now)).toISOString()).toBe(next);
  });

  it('refuses cron forms it cannot honour', () => {
    expect(() => nextDailyRun('rate(5 minutes)', 'UTC', new Date())).toThrow(/daily crons/);
  });
});

describe('nextRun', () => {
  it('fires a rate every N minutes from now, and a daily cron at its local time', () => {
    const now = new Date('2020-03-12T02:31:10Z');
    expect(nextRun('rate(1 minute)', 'UTC', now).toISOString()).toBe('2020-03-12T02:32:10.000Z');
    expect(nextRun('rate(5 minutes)', 'UTC', now).toISOString()).toBe('2020-03-12T02:36:10.000Z');
    expect(nextRun('cron(30 2 * * ? *)', 'UTC', now).toISOString()).toBe('2020-03-13T02:30:00.000Z');
    expect(() => nextRun('rate(1 hour)', 'UTC', now)).toThrow(/daily crons/);
  });
});
