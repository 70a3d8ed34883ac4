import type { DailyReport, Level, Registry, ReportRow, Unit } from '@firstline/domain';
import { dailyReport, gridDayOf, NotFoundError, reportRow, unitOf } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import type { ReportPorts } from './read-grid-days.ts';
import { readGridDays } from './read-grid-days.ts';

/** The registry and the unit a report names (with the grids under it, for the scope check), or 404. */
export async function findUnit(ports: Pick<DistrictPorts, 'registry'>, level: Level, id: string): Promise<{ registry: Registry; unit: Unit }> {
  const { registry } = await requireRegistry(ports);
  const unit = unitOf(registry, level, id);
  if (!unit) throw new NotFoundError(`no ${level} ${id}`);
  return { registry, unit };
}

/**
 * A unit's daily report. For a closed day it reads the unit's roll-up and its children's (grid
 * snapshots under a community): the cost grows with children, not with grids below them or scans.
 * `final` until an event lands on the day after its close. A day not closed (or a unit added since)
 * is read grid by grid from the live counters.
 */
export async function unitReport(ports: ReportPorts, registry: Registry, unit: Unit, date: string): Promise<DailyReport> {
  if (unit.level !== 'grid') {
    const rolled = unit.level === 'community' ? [unit] : [unit, ...unit.children];
    const [rollups, lateAt] = await Promise.all([ports.snapshots.rollups(rolled, date), ports.snapshots.lateAt(date)]);
    const own = rollups.get(`${unit.level}#${unit.id}`);
    if (own && rolled.every((u) => rollups.has(`${u.level}#${u.id}`))) {
      const final = lateAt === undefined || lateAt < own.closedAt;
      let children: ReportRow[];
      if (unit.level === 'community') {
        const snapshots = await ports.snapshots.ofDay(unit.grids, date);
        const days = new Map([...snapshots.values()].map((s) => [s.gridId, gridDayOf(s, final)]));
        children = unit.children.map((child) => reportRow(child, date, days));
      } else {
        children = unit.children.map((child) => ({ ...rollups.get(`${child.level}#${child.id}`)!.row, final }));
      }
      return { ...own.row, final, children };
    }
  }
  return dailyReport(unit, date, await readGridDays(ports, unit.grids, date, registry.district.policy));
}
