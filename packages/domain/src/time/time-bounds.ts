import { addDays, dayOf } from '../calendar.ts';
import type { FailureDetail } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { Policy } from '../policy.ts';

/**
 * DESIGN.md: every time a client sends is bounded by the server's clock, no later than now plus
 * this much clock skew and no earlier than the district's offline backlog window.
 */
export const clockSkewMs = 2 * 60_000;

/**
 * A scan dated within this of the server's clock is live: a gate is waiting for its verdict, so
 * its code is judged at the server's receive time. An older one is a backlog the gate decided
 * offline, judged against its own time (the code must have been valid when it was scanned).
 */
export const liveScanMs = 2 * 60_000;

export function isLiveScan(scannedAt: Date, now: Date): boolean {
  return scannedAt.getTime() >= now.getTime() - liveScanMs;
}

/** The instants a client-sent time may take at `now`, both included. */
export interface TimeWindow {
  readonly earliest: Date;
  readonly latest: Date;
}

const hourMs = 3_600_000;

/** [now − backlog window, now + clock skew] for the district's policy. Pure. */
export function timeBounds(policy: Pick<Policy, 'backlogHours'>, now: Date): TimeWindow {
  return { earliest: new Date(now.getTime() - policy.backlogHours * hourMs), latest: new Date(now.getTime() + clockSkewMs) };
}

/** A client time with the request path that names it (`scans.3.scannedAt`), as a 400 reports it. */
export interface ClientTime {
  readonly path: string;
  readonly at: string;
}

/**
 * Why `at` is refused in `window`, or undefined when it lies inside. An instant whose year does not
 * print as four digits (year 0, `+012020-…`) is refused as not a time at all: nothing downstream
 * (a day key, a queue message) could carry it.
 */
export function outsideWindow(at: string, window: TimeWindow, backlogHours: number): string | undefined {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return 'not a time';
  const year = new Date(ms).getUTCFullYear();
  if (year < 1 || year > 9999) return 'the year must have four digits';
  if (ms < window.earliest.getTime()) {
    return `more than ${backlogHours} h before the server's time (earliest accepted ${window.earliest.toISOString()})`;
  }
  if (ms > window.latest.getTime()) {
    return `in the future: later than the server's time plus ${clockSkewMs / 60_000} minutes (latest accepted ${window.latest.toISOString()})`;
  }
  return undefined;
}

/** Every client time outside the window, each named by its path: what a 400 lists. */
export function timeProblems(times: readonly ClientTime[], policy: Pick<Policy, 'backlogHours'>, now: Date): FailureDetail[] {
  const window = timeBounds(policy, now);
  return times.flatMap(({ path, at }) => {
    const message = outsideWindow(at, window, policy.backlogHours);
    return message ? [{ path, message }] : [];
  });
}

/**
 * Throws a `ValidationError` naming every client time outside [now − backlog, now + skew]. The one
 * check every use case that takes a client's time calls before it changes anything.
 */
export function requireWithinBounds(times: readonly ClientTime[], policy: Pick<Policy, 'backlogHours'>, now: Date): void {
  const problems = timeProblems(times, policy, now);
  if (problems.length > 0) throw new ValidationError('a time lies outside what the server accepts', problems);
}

/** The district days a client may name at `now`: from the day of the window's start to the day of its end. */
export function dayBounds(policy: Pick<Policy, 'backlogHours'>, now: Date, timeZone: string): { readonly earliest: string; readonly latest: string } {
  const window = timeBounds(policy, now);
  return { earliest: dayOf(window.earliest, timeZone), latest: dayOf(window.latest, timeZone) };
}

/** Why a day a client names is refused: not a day, a future one, or one locked (older than the backlog window). */
export type DayProblem = { readonly kind: 'not-a-day' | 'future' | 'locked'; readonly message: string };

/** What is wrong with `day` at `now`, if anything: no future day, and no day wholly older than the backlog window (the lock). */
export function dayProblem(day: string, policy: Pick<Policy, 'backlogHours'>, now: Date, timeZone: string): DayProblem | undefined {
  const { earliest, latest } = dayBounds(policy, now, timeZone);
  const year = Number(day.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || year < 1) return { kind: 'not-a-day', message: 'not a day' };
  if (day > latest) return { kind: 'future', message: `a future day: the district's today is ${dayOf(now, timeZone)}` };
  if (day < earliest) return { kind: 'locked', message: `locked: days before ${earliest} are older than the ${policy.backlogHours} h backlog window` };
  return undefined;
}

/** Throws a `ValidationError` on `path` unless `day` is a district day the window still reaches (`dayProblem`). */
export function requireDayWithinBounds(path: string, day: string, policy: Pick<Policy, 'backlogHours'>, now: Date, timeZone: string): void {
  const problem = dayProblem(day, policy, now, timeZone);
  if (problem) throw new ValidationError('a day lies outside what the server accepts', [{ path, message: problem.message }]);
}

/** The days from `day` to the district's today, both included (what a change on `day` can revise). */
export function daysSince(day: string, now: Date, timeZone: string): string[] {
  const today = dayOf(now, timeZone);
  const days: string[] = [];
  for (let d = day; d <= today; d = addDays(d, 1)) days.push(d);
  return days;
}
