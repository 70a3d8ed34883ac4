/** Weights of the 17 digits in the GB 11643-1999 check character (ISO 7064 MOD 11-2). */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

export type IdNumberCheck = 'ok' | 'format' | 'date' | 'check-digit';

/** The check character GB 11643 gives these 17 digits. */
export function checkCharacter(body17: string): string {
  const sum = [...body17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return checkCharacters[sum % 11]!;
}

/**
 * Checks a mainland resident ID number before a gate sends it: 17 digits and a check character
 * (digit or X), a real birth date no later than `today`, and the GB 11643 check character. A typo
 * caught here is a person not turned away as "unknown" by the server.
 */
export function checkIdNumber(raw: string, today = new Date()): IdNumberCheck {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!real || birth.getTime() > today.getTime()) return 'date';
  return checkCharacter(id.slice(0, 17)) === id[17] ? 'ok' : 'check-digit';
}

/** What the gate sends: no spaces, an upper-case X. */
export const normalizeIdNumber = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();
