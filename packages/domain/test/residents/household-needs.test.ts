import { describe, expect, it } from 'vitest';
import { careVisitDue, deliveryPriority, dialysisSessions, medicineDue, needsPriority } from '../../src/residents/household-needs.ts';

describe("a vulnerable household's priority", () => {
  it('is medical for treatment that cannot be missed, hardship for any other need, none without needs', () => {
    expect(needsPriority(['dialysis'])).toBe('medical');
    expect(needsPriority(['elderly-alone', 'pregnancy'])).toBe('medical');
    expect(needsPriority(['chronic-medicine'])).toBe('medical');
    expect(needsPriority(['elderly-alone'])).toBe('hardship');
    expect(needsPriority(['infant', 'mental-health'])).toBe('hardship');
    expect(needsPriority([])).toBeUndefined();
  });

  it('raises what an order says, never lowers it', () => {
    expect(deliveryPriority('normal', ['dialysis'])).toBe('medical');
    expect(deliveryPriority('normal', ['hardship'])).toBe('hardship');
    expect(deliveryPriority('medical', ['hardship'])).toBe('medical');
    expect(deliveryPriority('hardship', [])).toBe('hardship');
    expect(deliveryPriority('normal', undefined)).toBe('normal');
  });
});

describe('a care visit due', () => {
  const now = new Date('2020-03-20T10:00:00+08:00');
  const visit = (at: string, found: 'well' | 'needs-help' | 'not-reached' = 'well') => ({ at, by: 'w1', kind: 'visit' as const, found });

  it('is due never visited, a week after a visit that found all well, and at once after one that did not', () => {
    expect(careVisitDue(undefined, now, 7)).toBe(true);
    expect(careVisitDue(visit('2020-03-14T10:00:01+08:00'), now, 7)).toBe(false);
    expect(careVisitDue(visit('2020-03-13T10:00:00+08:00'), now, 7)).toBe(true);
    expect(careVisitDue(visit('2020-03-20T09:00:00+08:00', 'needs-help'), now, 7)).toBe(true);
    expect(careVisitDue(visit('2020-03-20T09:00:00+08:00', 'not-reached'), now, 7)).toBe(true);
  });
});

describe('dialysis sessions', () => {
  const schedule = { weekdays: [1, 3, 5], time: '07:30' };
  it('are the schedule\'s weekdays at its local time, after `from` and up to `until`', () => {
    // Sunday 15 March 2020, 20:00 in Shanghai; the next 36 hours hold Monday 07:30 only.
    const from = new Date('2020-03-15T12:00:00Z');
    expect(dialysisSessions(schedule, from, new Date(from.getTime() + 36 * 3_600_000), 'Asia/Shanghai').map((d) => d.toISOString())).toEqual(['2020-03-15T23:30:00.000Z']);
    // A week from Monday 07:30 itself (excluded): Wednesday, Friday and the next Monday.
    const monday = new Date('2020-03-15T23:30:00Z');
    expect(dialysisSessions(schedule, monday, new Date(monday.getTime() + 7 * 86_400_000), 'Asia/Shanghai').map((d) => d.toISOString())).toEqual([
      '2020-03-17T23:30:00.000Z', '2020-03-19T23:30:00.000Z', '2020-03-22T23:30:00.000Z',
    ]);
    expect(dialysisSessions(schedule, from, from, 'Asia/Shanghai')).toEqual([]);
  });
});

describe('recurring medicine', () => {
  it('is due on the day it was set and every so many days after, never before', () => {
    const weekly = { everyDays: 7, since: '2020-03-12' };
    expect(['2020-03-11', '2020-03-12', '2020-03-13', '2020-03-19', '2020-03-26', '2020-04-02'].map((d) => medicineDue(weekly, d))).toEqual([false, true, false, true, true, true]);
    expect(['2020-03-12', '2020-03-13', '2020-03-14'].map((d) => medicineDue({ everyDays: 1, since: '2020-03-12' }, d))).toEqual([true, true, true]);
  });
});
