import type { Policy } from '../policy.ts';
import { addDays } from '../calendar.ts';
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

/** How long a locked day an admin reopens takes logs: a working day to send what was missing. */
export const reopenHours = 24;

/**
 * A locked day too old to reopen: older than the scan retention window, whose records are gone. A
 * message saying so, or undefined.
 */
export function tooOldToReopen(day: string, policy: Pick<Policy, 'retentionDays'>, today: string): string | undefined {
  return day < addDays(today, -policy.retentionDays) ? `older than the ${policy.retentionDays}-day retention window: it can no longer be reopened` : undefined;
}
