/**
 * Calendar days in a district's time zone. A day (`YYYY-MM-DD`) is where an event is counted
 * (DESIGN.md: counted on the day it happened, not the day it arrived).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The district-local calendar day of an instant. */
export function dayOf(at: Date | string, timeZone: string): string {
  return formatterFor(timeZone).format(typeof at === 'string' ? new Date(at) : at);
}

/** `day` shifted by `delta` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** Inclusive list of days from `from` to `to`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}
