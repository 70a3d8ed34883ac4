import type { GridDay, Policy } from '@firstline/domain';
import { addDays, gridDayOf, logMeasures, nextStreak, openCasesOn, openChange, streakMeasures } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

export type ReportPorts = Pick<DistrictPorts, 'scanCounts' | 'deliveries' | 'snapshots' | 'cases' | 'gridLogs'>;

/**
 * Each grid's day for a report: the closed-day snapshot where there is one (final unless a live
 * counter moved after the close, or a change to the grid's past waits to be closed again), else
 * the live counters, logs and cases with the streak carried from the day before. A grid with an
 * open four-category case is not epidemic-free, and only logs on time or approved count for its
 * streak, live as at the close. Batch reads per kind of item: the cost grows with grids, not with scans.
 */
export async function readGridDays(ports: ReportPorts, gridIds: readonly string[], date: string, policy: Policy): Promise<Map<string, GridDay>> {
  const [snapshots, scansLive, deliveriesLive] = await Promise.all([
    ports.snapshots.ofDay(gridIds, date),
    ports.scanCounts.liveCounts(gridIds, date),
    ports.deliveries.liveCounts(gridIds, date),
  ]);
  const open = gridIds.filter((g) => !snapshots.has(g));
  const before = await ports.snapshots.ofDay(open, addDays(date, -1));
  const days = new Map<string, GridDay>();
  for (const [gridId, s] of snapshots) {
    const changedSince = [scansLive.get(gridId), deliveriesLive.get(gridId)].some((live) => (live?.updatedAt ?? '') > s.closedAt);
    const revising = s.revisionAskedAt !== undefined && s.revisionAskedAt >= s.closedAt;
    days.set(gridId, gridDayOf(s, !changedSince && !revising));
  }
  await Promise.all(open.map(async (gridId) => {
    const [cases, logs, gridCases] = await Promise.all([ports.cases.newOn(gridId, date), ports.gridLogs.of(gridId, date), ports.cases.ofGrid(gridId, date)]);
    const byCategory: Record<string, number> = {};
    for (const c of cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    const { work, reported, reportedOnTime, certified } = logMeasures(logs);
    const deliveries = { ...deliveriesLive.get(gridId)?.counts };
    const previous = before.get(gridId);
    const openCases = openCasesOn(gridCases, date);
    const streak = nextStreak(date, streakMeasures({ cases: byCategory, openCases, certified }), previous?.streak, policy);
    days.set(gridId, {
      gridId, scans: { ...scansLive.get(gridId)?.counts }, cases: byCategory, work, reported, reportedOnTime, deliveries,
      openDeliveries: (previous?.openDeliveries ?? 0) + openChange(deliveries),
      zeroStreakDays: streak.zeroStreakDays, epidemicFree: streak.epidemicFree, since: streak.since, final: false,
      scansAsOf: scansLive.get(gridId)?.updatedAt,
    });
  }));
  return days;
}
