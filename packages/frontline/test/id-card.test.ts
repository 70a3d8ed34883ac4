import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber, normalizeIdNumber } from '../src/app/id-card.ts';

describe('checkIdNumber (GB 11643)', () => {
  it.each([
    ['the standard example', '11010519491231002X', 'ok'],
    ['a lower-case x', '11010519491231002x', 'ok'],
    ['spaces a keeper typed', '110105 19491231 002X', 'ok'],
    ['one digit mistyped', '11010519491231003X', 'check-digit'],
    ['two digits swapped', '11010591491231002X', 'date'],
    ['the wrong check character', '110105194912310021', 'check-digit'],
    ['17 characters', '11010519491231002', 'format'],
    ['a letter inside', '1101051949123100AX', 'format'],
    ['the 30th of February', '110105194902300021', 'date'],
    ['a birth date in the future', '110105209912310021', 'date'],
    ['before 1900', '110105189912310021', 'date'],
  ] as const)('%s', (_name, id, expected) => {
    expect(checkIdNumber(id, new Date('2026-12-02T00:00:00Z'))).toBe(expected);
  });

  it('computes the check character every valid number ends with', () => {
    const body = '44030419850615001';
    const id = body + checkCharacter(body);

    expect(checkIdNumber(id)).toBe('ok');
    expect(checkIdNumber(body + (checkCharacter(body) === '1' ? '2' : '1'))).toBe('check-digit');
  });

  it('sends what it checked: no spaces, an upper-case X', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});
