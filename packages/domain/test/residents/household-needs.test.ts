import { describe, expect, it } from 'vitest';
import { deliveryPriority, needsPriority } from '../../src/residents/household-needs.ts';

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
