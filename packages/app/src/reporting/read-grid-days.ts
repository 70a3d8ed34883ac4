import type { GridDay, Policy } from '@firstline/domain';
import { addDays, gridDayOf, logFigures, nextStreak, openChange } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

export type ReportPorts = Pick<DistrictPorts, 'scans' | 'deliveries' | 'snapshots' | 'cases' | 'gridLogs'>;

/**
 * Each grid's day for a report: the closed-day snapshot where there is one (final unless a live
 * counter moved after the close), else the live counters, logs and cases with the streak carried
 * from the day before. Batch reads per kind of item: the cost grows with grids, not with scans.
 */
export async function readGridDays(ports: ReportPorts, gridIds: readonly string[], date: string, policy: Policy): Promise<Map<string, GridDay>> {
  const [snapshots, scansLive, deliveriesLive] = await Promise.all([
    ports.snapshots.ofDay(gridIds, date),
    ports.scans.liveCounts(gridIds, date),
    ports.deliveries.liveCounts(gridIds, date),
  ]);
  const open = gridIds.filter((g) => !snapshots.has(g));
  const before = await ports.snapshots.ofDay(open, addDays(date, -1));
  const days = new Map<string, GridDay>();
  for (const [gridId, s] of snapshots) {
    const changedSince = [scansLive.get(gridId), deliveriesLive.get(gridId)].some((live) => (live?.updatedAt ?? '') > s.closedAt);
    days.set(gridId, gridDayOf(s, !changedSince));
  }
  await Promise.all(open.map(async (gridId) => {
    const [cases, logs] = await Promise.all([ports.cases.newOn(gridId, date), ports.gridLogs.of(gridId, date)]);
    const byCategory: Record<string, number> = {};
    for (const c of cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    const work = Object.fromEntries(logFigures.map((f) => [f, logs.reduce((sum, l) => sum + l[f], 0)]));
    const deliveries = { ...deliveriesLive.get(gridId)?.counts };
    const previous = before.get(gridId);
    const streak = nextStreak(date, { newCases: cases.length, reported: logs.length > 0, disinfectionRounds: work['disinfectionRounds'] ?? 0 }, previous?.streak, policy);
    days.set(gridId, {
      gridId, scans: { ...scansLive.get(gridId)?.counts }, cases: byCategory, work, reported: logs.length > 0, deliveries,
      openDeliveries: (previous?.openDeliveries ?? 0) + openChange(deliveries),
      zeroStreakDays: streak.zeroStreakDays, epidemicFree: streak.epidemicFree, since: streak.since, final: false,
    });
  }));
  return days;
}
