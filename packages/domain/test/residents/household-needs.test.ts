import { describe, expect, it } from 'vitest';
import { careVisitDue, deliveryPriority, needsPriority } from '../../src/residents/household-needs.ts';

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
