import * as z from 'zod';

/** Ids chosen by clients and ops: short, printable, no separators that our keys use (`#`). */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only');

/** ISO 8601 instant with an explicit offset (API.md conventions). */
export const instant = z.iso.datetime({ offset: true });

/** A calendar day in the district's time zone. */
export const day = z.iso.date();

export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');

/** Why a gate scan was allowed (`ok`) or denied, in the order the gate's rules are checked. */
export const reasons = ['ok', 'invalid-code', 'unknown-person', 'code-red', 'code-yellow', 'fever', 'quarantine', 'pass-quota'] as const;

/**
 * A place said in an SMS (北门, 3号楼前广场): words, digits and brackets only, so no link or number
 * to call can ride along in a message Firstline sends in its own name.
 */
export const placeName = z.string().trim().min(1).max(20).regex(/^[\p{L}\p{N} ·()（）-]+$/u, 'a place name: letters, digits, spaces and brackets');

/** A person's pseudonym: derived from the ID number with the district's key, never the number itself. */
export const personId = z.string().regex(/^p_[A-Za-z0-9_-]{16,64}$/, 'not a person id');

/**
 * A `from`–`to` range of days, both included, of at most `maxDays`: what a series route reads in
 * one request (a quarter), so its cost stays bounded.
 */
export function dayRange<S extends z.ZodType<{ from: string; to: string }>>(schema: S, maxDays = 92) {
  return schema
    .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] })
    .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < maxDays, { message: `at most ${maxDays} days`, path: ['to'] });
}
