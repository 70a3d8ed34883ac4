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
