import { describe, expect, it } from 'vitest';
import { gateColor, provisionalColor, worstColor } from '../../src/health-codes/gate-color.ts';
import type { CodeColor } from '../../src/residents/resident.ts';

const colors: CodeColor[] = ['green', 'yellow', 'red'];
const rank = (c: CodeColor) => colors.indexOf(c);

describe('worstColor', () => {
  it('is the worst known colour and skips unknown ones', () => {
    expect(worstColor('green', null, undefined)).toBe('green');
    expect(worstColor('green', 'yellow', null)).toBe('yellow');
    expect(worstColor('yellow', 'red', 'green')).toBe('red');
  });
});

describe('gateColor', () => {
  it.each(colors.flatMap((firstline) => [...colors, null].map((vouched) => [firstline, vouched] as const)))(
    'Firstline %s, provider %s: never better than Firstline’s own colour',
    (firstline, vouched) => {
      // Act
      const color = gateColor(firstline, vouched);

      // Assess
      expect(rank(color)).toBeGreaterThanOrEqual(rank(firstline));
      if (vouched) expect(rank(color)).toBeGreaterThanOrEqual(rank(vouched));
      expect(color).toBe(vouched && rank(vouched) > rank(firstline) ? vouched : firstline);
    },
  );
});

describe('provisionalColor', () => {
  it.each([
    ['green', undefined, 'green'],
    ['green', 'green', 'green'],
    ['green', 'yellow', 'yellow'],
    ['green', 'red', 'red'],
    ['yellow', 'green', 'yellow'],
    ['red', 'green', 'red'],
  ] as const)('signed %s, last seen %s → %s: a colour last seen red or yellow is never answered better', (signed, last, expected) => {
    expect(provisionalColor(signed, last)).toBe(expected);
  });
});
