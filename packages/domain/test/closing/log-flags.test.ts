import { describe, expect, it } from 'vitest';
import { logFlags, usualRounds } from '../../src/closing/log-flags.ts';

const log = (fields: Partial<{ residentsScreened: number; householdsVisited: number; disinfectionRounds: number }> = {}) => ({
  residentsScreened: 40, householdsVisited: 15, disinfectionRounds: 2, ...fields,
});
const population = { residents: 50, households: 20 };

describe('validation rules for grid logs', () => {
  it('passes a log whose figures can be true', () => {
    expect(logFlags(log(), population, 2)).toEqual([]);
    expect(logFlags(log({ residentsScreened: 50, householdsVisited: 20 }), population, 2)).toEqual([]);
  });

  it('flags more residents screened than registered, and more households visited than exist', () => {
    expect(logFlags(log({ residentsScreened: 51 }), population, 2)).toEqual(['screened-over-registered']);
    expect(logFlags(log({ householdsVisited: 21 }), population, 2)).toEqual(['visited-over-households']);
  });

  it('does not judge a grid whose residents are not registered yet on them', () => {
    expect(logFlags(log({ residentsScreened: 500, householdsVisited: 300 }), { residents: 0, households: 0 }, 2)).toEqual([]);
  });

  it('flags disinfection rounds more than three times, or under a third of, the usual, once the grid has a usual', () => {
    expect(logFlags(log({ disinfectionRounds: 7 }), population, 2)).toEqual(['disinfection-unusual']);
    expect(logFlags(log({ disinfectionRounds: 6 }), population, 2)).toEqual([]);
    expect(logFlags(log({ disinfectionRounds: 0 }), population, 2)).toEqual(['disinfection-unusual']);
    expect(logFlags(log({ disinfectionRounds: 1 }), population, 3)).toEqual([]);
    expect(logFlags(log({ disinfectionRounds: 40 }), population, undefined)).toEqual([]);
  });

  it('takes the usual rounds as the median of at least three reported days', () => {
    expect(usualRounds([2, 2])).toBeUndefined();
    expect(usualRounds([2, 9, 1])).toBe(2);
    expect(usualRounds([3, 1, 2, 8])).toBe(3);
  });
});
