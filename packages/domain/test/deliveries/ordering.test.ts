import { describe, expect, it } from 'vitest';
import { compareInstants, instantMs } from '../../src/deliveries/instant.ts';
import { compareCallNumbers, compareNatural } from '../../src/deliveries/ordering.ts';

describe('compareNatural', () => {
  it.each([
    // a, b, sign of compare(a, b)
    ['B2', 'B10', -1],
    ['B10', 'B2', 1],
    ['B2', 'B2', 0],
    ['3号楼', '12号楼', -1],
    ['B9-101', 'B9-1001', -1],
    ['B9-1001', 'B10-101', -1],
    ['B', 'B1', -1], // a prefix first
    ['B2', 'Ba', -1], // a number before text at the same place
    ['A10', 'B2', -1], // text decides before the number
    ['B02', 'B2', -1], // equal as numbers: code-unit order keeps the order total
    ['B2', 'B02', 1],
    ['b1', 'B1', 1], // no case folding: code units
    ['B99999999999999999999', 'B100000000000000000000', -1], // beyond Number precision
    ['', 'B1', -1],
  ] as const)('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareNatural(a, b))).toBe(sign);
  });

  it('sorts a mixed list the way a person would', () => {
    const ids = ['B10', 'B1', 'B2', 'A3', 'B1-2', 'B1-10', 'B1-1'];

    expect([...ids].sort(compareNatural)).toEqual(['A3', 'B1', 'B1-1', 'B1-2', 'B1-10', 'B2', 'B10']);
  });
});

describe('instantMs', () => {
  it.each([
    ['2020-03-12T09:00:00+08:00', Date.UTC(2020, 2, 12, 1)],
    ['2020-03-12T01:00:00Z', Date.UTC(2020, 2, 12, 1)],
    ['2020-03-12T01:00:00z', Date.UTC(2020, 2, 12, 1)],
    ['2020-03-12T09:00+08:00', Date.UTC(2020, 2, 12, 1)],
    ['2020-03-12T09:00:00+0800', Date.UTC(2020, 2, 12, 1)],
    ['2020-03-11T20:30:00-04:30', Date.UTC(2020, 2, 12, 1)],
    ['2020-03-12T01:00:00.123456Z', Date.UTC(2020, 2, 12, 1) + 123],
    ['2020-03-12T01:00:00.5Z', Date.UTC(2020, 2, 12, 1) + 500],
    ['2020-02-29T00:00:00Z', Date.UTC(2020, 1, 29)],
  ])('%s', (iso, ms) => {
    expect(instantMs(iso)).toBe(ms);
  });

  it.each([
    ['no offset (would depend on the machine zone)', '2020-03-12T09:00:00'],
    ['a date only', '2020-03-12'],
    ['February 30th', '2020-02-30T09:00:00Z'],
    ['February 29th of a common year', '2021-02-29T09:00:00Z'],
    ['hour 24', '2020-03-12T24:00:00Z'],
    ['second 60', '2020-03-12T09:00:60Z'],
    ['month 13', '2020-13-01T09:00:00Z'],
    ['offset hour 24', '2020-03-12T09:00:00+24:00'],
    ['garbage', 'yesterday'],
  ])('NaN for %s', (_name, iso) => {
    expect(instantMs(iso)).toBeNaN();
  });

  it('compares instants, not strings, and puts unreadable ones last', () => {
    const list = ['2020-03-12T09:30:00+08:00', 'bad', '2020-03-12T01:00:00Z', '2020-03-12T08:59:00+08:00'];

    expect([...list].sort(compareInstants)).toEqual(['2020-03-12T08:59:00+08:00', '2020-03-12T01:00:00Z', '2020-03-12T09:30:00+08:00', 'bad']);
    expect(compareInstants('bad', 'worse')).toBe(0);
  });
});

describe('compareCallNumbers', () => {
  it.each([
    [1, 2, -1],
    [2, 1, 1],
    [3, 3, 0],
    [5, undefined, -1],
    [undefined, 5, 1],
    [undefined, undefined, 0],
  ] as const)('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(compareCallNumbers(a, b))).toBe(sign);
  });
});
