const formatters = new Map<string, Intl.DateTimeFormat>();

/** Month, day, hour and minute on the district's clock, read as parts (the locale's own pattern varies by ICU build). */
function wallClock(at: string, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
}

/** A slot as an SMS says it, on the district's clock: `12月8日 08:00` to `09:00`. */
export function slotTimes(slot: { readonly from: string; readonly to: string }, timeZone: string): { from: string; to: string } {
  const from = wallClock(slot.from, timeZone);
  const to = wallClock(slot.to, timeZone);
  return { from: `${from['month']}月${from['day']}日 ${from['hour']}:${from['minute']}`, to: `${to['hour']}:${to['minute']}` };
}
