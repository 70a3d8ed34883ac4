import type { Registry, Unit } from '@firstline/domain';
import { daysBetween, eachLimited } from '@firstline/domain';
import type { ReportPorts } from './read-grid-days.ts';
import { limitedReads, liveDays, refuseFutureDay, refuseOverCap, reportCost } from './report-cost.ts';
import { unitReport } from './unit-report.ts';

/**
 * A unit's trend: each day's report without its children. Bounded (`reportCost`): no day after
 * today, at most `maxLiveGridDays` grid-days of days not closed, a few days assembled at once, a
 * bounded number of reads in flight and a time budget.
 */
export async function reportSeries(ports: ReportPorts, registry: Registry, unit: Unit, from: string, to: string, now = new Date()) {
  refuseFutureDay(to, registry.district.timeZone, 'to', now);
  const limited = limitedReads(ports);
  const dates = daysBetween(from, to);
  const live = await liveDays(limited, unit, dates);
  refuseOverCap(live.length * unit.grids.length, 'from', `${live.length} of these days are not closed; ask for fewer days, or a unit with fewer grids`);
  const days = new Array<Awaited<ReturnType<typeof unitReport>>>(dates.length);
  const order = new Map(dates.map((date, i) => [date, i]));
  // Closed days first: they are cheap, and a slow live day then holds up nothing else.
  const byCost = [...dates].sort((a, b) => Number(live.includes(a)) - Number(live.includes(b)));
  await eachLimited(byCost, reportCost.days, async (date) => {
    days[order.get(date)!] = await unitReport(limited, registry, unit, date);
  });
  return { days: days.map(({ children: _children, ...report }) => report) };
}
