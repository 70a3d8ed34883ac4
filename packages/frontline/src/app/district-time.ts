import { serverNow } from './api.ts';

/**
 * The district's clock. Every district is in mainland China, which keeps one time zone (the
 * registry's `timeZone` of each district is Asia/Shanghai), while a phone's own zone may be anything
 * (a borrowed phone set to another zone, an emulator): a testing round's day and slot times are
 * the district's, so they are read and written in its zone, not the phone's.
 */
export const districtTimeZone = 'Asia/Shanghai';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: districtTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const wallFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: districtTimeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** The district's calendar day (YYYY-MM-DD) `plusDays` after the server's now. */
export function districtDay(plusDays = 0, at: Date = serverNow()): string {
  return dayFormat.format(new Date(at.getTime() + plusDays * 86_400_000));
}

/** How far the district's wall clock is ahead of UTC at `utcMs`. */
function offsetMs(utcMs: number): number {
  const parts = Object.fromEntries(wallFormat.formatToParts(new Date(utcMs)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!) - Math.floor(utcMs / 1000) * 1000;
}

/** The instant `minutes` after midnight of `day` on the district's clock, as ISO 8601. */
export function districtInstant(day: string, minutes: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date, 0, minutes);
  return new Date(wall - offsetMs(wall - offsetMs(wall))).toISOString();
}
