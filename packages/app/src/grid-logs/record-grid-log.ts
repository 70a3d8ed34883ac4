import type { GridLog } from '@firstline/domain';
import { addDays, ConflictError, countsForCertification, dayProblem, isLateLog, logFlags, NotFoundError, usualRounds, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import { askRevision } from '../closing/revise-days.ts';
import { meantWithin } from '../client-ids.ts';
import { isReopened } from './reopen-grid-day.ts';

/** A 400 on `gridId` unless the grid is registered. */
export async function requireGrid(ports: Pick<DistrictPorts, 'registry'>, gridId: string): Promise<void> {
  if (!(await requireRegistry(ports, (index) => !!index.grid(gridId))).grid(gridId)) throw new ValidationError('unknown grid', [{ path: 'gridId', message: `unknown grid ${gridId}` }]);
}

export type LogReport = Omit<GridLog, 'by' | 'receivedAt' | 'late' | 'approval' | 'flags'>;

/** Days of a grid's past a log's disinfection rounds are compared with. */
const usualDays = 7;

/**
 * The validation rules a log breaks, against who is registered in the grid and its usual rounds
 * (the median of its last week's closed, reported days before the log's).
 */
async function flagsOf(ports: Pick<DistrictPorts, 'population' | 'snapshots'>, log: LogReport) {
  const days = Array.from({ length: usualDays }, (_, i) => addDays(log.date, -1 - i));
  const [population, past] = await Promise.all([ports.population.of(log.gridId), Promise.all(days.map((day) => ports.snapshots.get(log.gridId, day)))]);
  const rounds = past.flatMap((snapshot) => (snapshot?.reported ? [snapshot.work.disinfectionRounds] : []));
  return logFlags(log, population, usualRounds(rounds));
}

/**
 * A log as the routes answer it: what was sent, whether it came late, whether it counts for
 * certification, and the validation rules it breaks (none: an empty list).
 */
export function logView(log: GridLog) {
  const { by: _by, receivedAt: _receivedAt, late, approval, flags, ...sent } = log;
  return { ...sent, late: late === true, countsForCertification: countsForCertification(log), flags: [...(flags ?? [])], ...(approval ? { approval } : {}) };
}

/**
 * Stores a grid worker's log once. No log for a future day, nor for a day older than the backlog
 * window (the lock) unless an admin has reopened it for the grid: a 400 naming `date`. A log
 * received after its day's reporting deadline is kept as late: it counts for the grid's
 * completeness, for certification only once an admin approves it, so back-filling missed days
 * cannot lengthen a streak. A log whose figures break a validation rule is kept and counted, and
 * flagged to be checked. A past day it lands on stops being final and is closed again within a minute.
 */
export async function recordGridLog(ports: DistrictPorts, log: LogReport, by: string, now = new Date()) {
  const { timeZone, policy } = (await requireRegistry(ports)).registry.district;
  const problem = dayProblem(log.date, policy, now, timeZone);
  if (problem && !(problem.kind === 'locked' && (await isReopened(ports, log.gridId, log.date, now)))) {
    const message = problem.kind === 'locked' ? `${problem.message}; an admin can reopen the day for this grid` : problem.message;
    throw new ValidationError('a day lies outside what the server accepts', [{ path: 'date', message }]);
  }
  // The hash covers what the client sent: the same log again is a repeat even after the deadline.
  const hash = ports.pseudonyms.fingerprint([JSON.stringify(log)]);
  const flags = await flagsOf(ports, log);
  const recorded: GridLog = { ...log, by, receivedAt: now.toISOString(), late: isLateLog(log.date, now, policy, timeZone), ...(flags.length > 0 ? { flags } : {}) };
  const created = await ports.gridLogs.create(recorded, hash);
  if (created === 'conflict') throw new ConflictError(`log ${log.logId} was sent before with another body`);
  const stored = created === 'created' ? recorded : ((await ports.gridLogs.withId(log.logId)).find((l) => l.gridId === log.gridId) ?? recorded);
  await askRevision(ports, [{ gridId: stored.gridId, day: stored.date }], timeZone, now);
  return logView(stored);
}

/** The log a request names within its grids (any, when undefined), or 404; its grid is what the scope check needs. */
export async function findGridLog(ports: Pick<DistrictPorts, 'gridLogs'>, logId: string, gridIds: readonly string[] | undefined): Promise<GridLog> {
  const found = meantWithin(await ports.gridLogs.withId(logId), gridIds, 'log', logId);
  if (!found) throw new NotFoundError(`no log ${logId}`);
  return found;
}

/**
 * An admin keeps a late log for certification, with who, when and why beside it (the first
 * approval stays); the day and the grid's later streaks are closed again within a minute. A log
 * that came on time needs no approval (409).
 */
export async function approveGridLog(ports: DistrictPorts, log: GridLog, approver: string, reason: string, now = new Date()) {
  const [approved] = await approveGridLogs(ports, [log], approver, reason, now);
  return approved!;
}

/**
 * The logs of a bulk approval (`logIds`), each found or a 400 naming its place in the list: what
 * the scope check needs (their grids). An id two grids chose is a 409: approve it alone, naming its grid.
 */
export async function findGridLogs(ports: Pick<DistrictPorts, 'gridLogs'>, logIds: readonly string[]): Promise<GridLog[]> {
  const found = await Promise.all(logIds.map(async (logId) => meantWithin(await ports.gridLogs.withId(logId), undefined, 'log', logId)));
  const missing = logIds.flatMap((logId, i) => (found[i] ? [] : [{ path: `logIds.${i}`, message: `no log ${logId}` }]));
  if (missing.length > 0) throw new ValidationError('unknown logs', missing);
  return found as GridLog[];
}

/**
 * Several late logs kept at once with one reason (a street whose network was down all evening):
 * every one must be late (409 naming those that came on time), then each is approved as one alone.
 */
export async function approveGridLogs(ports: DistrictPorts, logs: readonly GridLog[], approver: string, reason: string, now = new Date()) {
  const onTime = logs.flatMap((log, i) => (log.late === true ? [] : [{ path: `logIds.${i}`, message: `log ${log.logId} came by its deadline: it counts already` }]));
  if (onTime.length > 0) throw new ConflictError(onTime.length === 1 && logs.length === 1 ? onTime[0]!.message : 'logs that came on time need no approval', logs.length === 1 ? [] : onTime);
  const { timeZone } = (await requireRegistry(ports)).registry.district;
  const approved = await Promise.all(logs.map((log) => (log.approval ? log : ports.gridLogs.approve(log, { by: approver, at: now.toISOString(), reason }))));
  await askRevision(ports, approved.map((log) => ({ gridId: log.gridId, day: log.date })), timeZone, now);
  return approved.map(logView);
}

