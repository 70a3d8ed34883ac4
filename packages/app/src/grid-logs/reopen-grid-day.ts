import type { Reopening } from '@firstline/domain';
import { ConflictError, dayOf, dayProblem, reopenHours, tooOldToReopen, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';

/** Whether an admin's reopening of the grid's day still takes logs at `now`. */
export async function isReopened(ports: Pick<DistrictPorts, 'gridLogs'>, gridId: string, date: string, now: Date): Promise<boolean> {
  const reopening = await ports.gridLogs.reopening(gridId, date);
  return reopening !== undefined && Date.parse(reopening.until) > now.getTime();
}

export interface ReopenRequest {
  readonly gridId: string;
  readonly date: string;
  readonly reason: string;
}

/**
 * An admin reopens a grid's locked day for 24 hours, with who, when and why kept beside it (each
 * reopening in its history): the grid's logs for it are taken meanwhile, late, so they count for
 * certification only once approved. Only a locked day (409 otherwise), and none older than the
 * retention window or in the future (400).
 */
export async function reopenGridDay(ports: Pick<DistrictPorts, 'registry' | 'gridLogs'>, request: ReopenRequest, by: string, now = new Date()) {
  const { timeZone, policy } = (await requireRegistry(ports)).registry.district;
  const problem = dayProblem(request.date, policy, now, timeZone);
  if (!problem) throw new ConflictError(`${request.date} is not locked: the grid's logs for it are taken without reopening`);
  const tooOld = problem.kind === 'locked' ? tooOldToReopen(request.date, policy, dayOf(now, timeZone)) : problem.message;
  if (tooOld) throw new ValidationError('a day that cannot be reopened', [{ path: 'date', message: tooOld }]);
  const reopening: Reopening = { by, at: now.toISOString(), reason: request.reason, until: new Date(now.getTime() + reopenHours * 3_600_000).toISOString() };
  await ports.gridLogs.reopen(request.gridId, request.date, reopening);
  return { gridId: request.gridId, date: request.date, ...reopening };
}
