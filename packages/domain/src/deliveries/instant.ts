// Date.parse is not enough: it reads an offset-less string in the process's own zone (UTC on
// Lambda, +08:00 on a laptop) and rolls 2020-02-30 over to March. Ordering and minutes-to-deliver
// must not depend on where the code runs.
const isoInstant =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Epoch milliseconds of an ISO 8601 instant that carries an offset (`Z`, `+08:00`, `+0800`),
 * or `NaN` when the string is not one. Digits past milliseconds are dropped.
 */
export function instantMs(iso: string): number {
  const m = isoInstant.exec(iso);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s ?? '0');
  const offsetH = Number(oh ?? '0'), offsetM = Number(om ?? '0');
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number((frac ?? '').slice(0, 3).padEnd(3, '0')));
  const check = new Date(utc);
  // A date that Date.UTC had to roll over (Feb 30, hour 24) is not a date.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  if (offsetH > 23 || offsetM > 59) return Number.NaN;
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (offsetH * 60 + offsetM);
  return utc - offsetMinutes * 60_000;
}

/** Ascending by instant; an unreadable instant sorts after every readable one, and two of them tie. */
export function compareInstants(a: string, b: string): number {
  const x = instantMs(a), y = instantMs(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
  return x - y;
}
