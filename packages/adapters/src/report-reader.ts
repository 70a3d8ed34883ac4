import type { DailyReport, GridDay, Policy, Registry, ReportRow, Unit } from '@firstline/domain';
import { addDays, dailyReport, gridDayOf, logFigures, nextStreak, openChange, reportRow } from '@firstline/domain';
import { getAll } from './batch-get.ts';
import { counterValues } from './counters.ts';
import type { DistrictRuntime } from './district-runtime.ts';
import { deliveryCounterKey } from './delivery-store.ts';
import { scanCounterKey } from './scan-store.ts';

/**
 * Each grid's day for a report: the closed-day snapshot where there is one (final unless a live
 * counter moved after the close), else the live counters, logs and cases with the streak carried
 * from the day before. Batch reads per kind of item: the cost grows with grids, not with scans.
 */
export async function readGridDays(runtime: DistrictRuntime, gridIds: readonly string[], date: string, policy: Policy): Promise<Map<string, GridDay>> {
  const { documents } = runtime.clients;
  const stats = runtime.config.tables.stats;
  const [snapshots, scanCounters, deliveryCounters] = await Promise.all([
    runtime.snapshots.ofDay(gridIds, date),
    getAll(documents, stats, gridIds.map((g) => scanCounterKey(g, date))),
    getAll(documents, stats, gridIds.map((g) => deliveryCounterKey(g, date))),
  ]);
  const live = (items: Record<string, unknown>[], prefix: string) => new Map(items.map((i) => [String(i['pk']).slice(prefix.length), i]));
  const scansLive = live(scanCounters, 'SCANS#');
  const deliveriesLive = live(deliveryCounters, 'DELIV#');
  const open = gridIds.filter((g) => !snapshots.has(g));
  const before = await runtime.snapshots.ofDay(open, addDays(date, -1));
  const days = new Map<string, GridDay>();
  for (const [gridId, s] of snapshots) {
    const changedSince = [scansLive.get(gridId), deliveriesLive.get(gridId)].some((i) => String(i?.['updatedAt'] ?? '') > s.closedAt);
    days.set(gridId, gridDayOf(s, !changedSince));
  }
  await Promise.all(open.map(async (gridId) => {
    const [cases, logs] = await Promise.all([runtime.cases.newOn(gridId, date), runtime.gridLogs.of(gridId, date)]);
    const byCategory: Record<string, number> = {};
    for (const c of cases) byCategory[c.category] = (byCategory[c.category] ?? 0) + 1;
    const work = Object.fromEntries(logFigures.map((f) => [f, logs.reduce((sum, l) => sum + l[f], 0)]));
    const deliveries = counterValues(deliveriesLive.get(gridId));
    const previous = before.get(gridId);
    const streak = nextStreak(date, { newCases: cases.length, reported: logs.length > 0, disinfectionRounds: work['disinfectionRounds'] ?? 0 }, previous?.streak, policy);
    days.set(gridId, {
      gridId, scans: counterValues(scansLive.get(gridId)), cases: byCategory, work, reported: logs.length > 0, deliveries,
      openDeliveries: (previous?.openDeliveries ?? 0) + openChange(deliveries),
      zeroStreakDays: streak.zeroStreakDays, epidemicFree: streak.epidemicFree, since: streak.since, final: false,
    });
  }));
  return days;
}

/**
 * A unit's daily report. For a closed day it reads the unit's roll-up and its children's (grid
 * snapshots under a community): the cost grows with children, not with grids below them or scans.
 * `final` until an event lands on the day after its close. A day not closed (or a unit added since)
 * is read grid by grid from the live counters.
 */
export async function readUnitReport(runtime: DistrictRuntime, registry: Registry, unit: Unit, date: string): Promise<DailyReport> {
  if (unit.level !== 'grid') {
    const rolled = unit.level === 'community' ? [unit] : [unit, ...unit.children];
    const [rollups, lateAt] = await Promise.all([runtime.snapshots.rollups(rolled, date), runtime.snapshots.lateAt(date)]);
    const own = rollups.get(`${unit.level}#${unit.id}`);
    if (own && rolled.every((u) => rollups.has(`${u.level}#${u.id}`))) {
      const final = lateAt === undefined || lateAt < own.closedAt;
      let children: ReportRow[];
      if (unit.level === 'community') {
        const snapshots = await runtime.snapshots.ofDay(unit.grids, date);
        const days = new Map([...snapshots.values()].map((s) => [s.gridId, gridDayOf(s, final)]));
        children = unit.children.map((child) => reportRow(child, date, days));
      } else {
        children = unit.children.map((child) => ({ ...rollups.get(`${child.level}#${child.id}`)!.row, final }));
      }
      return { ...own.row, final, children };
    }
  }
  return dailyReport(unit, date, await readGridDays(runtime, unit.grids, date, registry.district.policy));
}
