import type { Unit } from '@firstline/domain';
import { ContentionError, dayOf, eachLimited, limiter, ValidationError } from '@firstline/domain';
import type { ReportPorts } from './read-grid-days.ts';

/**
 * What one report request may cost. A closed day is read from its roll-ups (one item per unit);
 * a day that was never closed — today, or a past day whose close never ran — is read grid by
 * grid from live counters, cases and logs (about three reads a grid). Without a bound, a 92-day
 * district series of never-closed days is 92 × 2,000 grids read at once: four of those made the
 * local district answer 500 and slowed gate scans to 4.5 s.
 *
 * - `maxLiveGridDays`: at most this many grid-days read live per request: today of the largest
 *   district (2,000 grids, ~6,000 reads; about 3 s at `liveReads` and DynamoDB's few milliseconds
 *   a query). A district series answers when every day but today is closed; more is a 400 that
 *   says how to ask (a shorter range, a smaller unit, or close the days first).
 * - `liveReads`: at most this many of those reads in flight per request, so a report shares the
 *   core table and the emulator with gate scans instead of queueing hundreds of reads ahead of
 *   them (with the report functions' reserved concurrency, 22 requests × 8 reads at most).
 * - `days`: at most this many days of a series assembled at once.
 * - `seconds`: a request still reading after this long (the table or the stack is overloaded)
 *   gives up with 503 and Retry-After, well before the function's 29 s timeout would make it a 500.
 */
export const reportCost = { maxLiveGridDays: 2_000, liveReads: 8, days: 4, seconds: 20 } as const;

/** 400 for a day after today in the district: nothing has happened on it, and reading it costs as much as an open day. */
export function refuseFutureDay(date: string, timeZone: string, field: string, now = new Date()): void {
  const today = dayOf(now, timeZone);
  if (date > today) throw new ValidationError(`${field} is in the future`, [{ path: field, message: `${date} is after today (${today}) in the district` }]);
}

/** The stores a report reads (all of their methods are asynchronous reads). */
const readStores = ['scanCounts', 'deliveries', 'snapshots', 'cases', 'gridLogs'] as const satisfies readonly (keyof ReportPorts)[];

/**
 * The same ports with every call to a report store — one read, however many grids a batch read
 * names — going through one limiter of `concurrency` calls in flight, none started after `seconds`
 * (a `ContentionError`: 503 with Retry-After).
 */
export function limitedReads<P extends object>(ports: P, concurrency: number = reportCost.liveReads, seconds: number = reportCost.seconds): P {
  const limit = limiter(concurrency);
  const deadline = Date.now() + seconds * 1000;
  const read = (call: () => unknown) => limit(async () => {
    if (Date.now() > deadline) throw new ContentionError(`the district is too busy to finish this report within ${seconds} s; retry shortly`, 10);
    return call();
  });
  const wrap = (port: object) => new Proxy(port, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => read(() => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  const limited = { ...ports } as Record<string, unknown>;
  for (const name of readStores) if (typeof limited[name] === 'object' && limited[name] !== null) limited[name] = wrap(limited[name]);
  return limited as P;
}

/**
 * The days of `dates` whose report is read live (no roll-up of the unit, and of its children above
 * a community: what `unitReport` needs to answer from roll-ups). A grid's day is one grid-day
 * either way, so a grid's days are all counted live.
 */
export async function liveDays(ports: Pick<ReportPorts, 'snapshots'>, unit: Unit, dates: readonly string[]): Promise<string[]> {
  if (unit.level === 'grid') return [...dates];
  const rolled = unit.level === 'community' ? [unit] : [unit, ...unit.children];
  const live: string[] = [];
  await eachLimited(dates, reportCost.days * 2, async (date) => {
    const rollups = await ports.snapshots.rollups(rolled, date);
    if (!rolled.every((u) => rollups.has(`${u.level}#${u.id}`))) live.push(date);
  });
  return live;
}

/** 400 when reading `liveGridDays` grid-days live would pass the cap; `field` is what to change. */
export function refuseOverCap(liveGridDays: number, field: string, advice: string): void {
  if (liveGridDays <= reportCost.maxLiveGridDays) return;
  throw new ValidationError('this report would read too much at once', [{
    path: field,
    message: `it reads ${liveGridDays} grid-days that are not closed, at most ${reportCost.maxLiveGridDays} a request; ${advice}`,
  }]);
}
