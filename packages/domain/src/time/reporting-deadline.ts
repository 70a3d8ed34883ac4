import type { Policy } from '../policy.ts';
import { localInstant } from './local-time.ts';

/** When a grid's log for `day` is due: the district's reporting deadline on that day, local time. */
export function logDeadline(day: string, policy: Pick<Policy, 'reportingDeadline'>, timeZone: string): Date {
  return localInstant(day, policy.reportingDeadline, timeZone);
}

/**
 * DESIGN.md, reporting discipline: a log received after its day's deadline is late. It counts for
 * completeness, not for the on-time rate, and for certification only once an admin approves it.
 */
export function isLateLog(day: string, receivedAt: Date, policy: Pick<Policy, 'reportingDeadline'>, timeZone: string): boolean {
  return receivedAt.getTime() > logDeadline(day, policy, timeZone).getTime();
}
