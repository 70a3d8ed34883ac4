import type { CareCounts, CareFigures, Unit } from '@firstline/domain';
import { careFigures, careVisitDue, dayOf, eachLimited, urgentStatus } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** Where care stands now (today's report only): requests not yet arranged, those past their clock, households due a visit. */
export interface CareNow {
  readonly openUrgent: number;
  readonly overdueUrgent: number;
  readonly visitsDue: number;
}

export interface CareRow extends CareFigures {
  readonly level: Unit['level'];
  readonly id: string;
  readonly name: string;
  readonly now?: CareNow | undefined;
}

/**
 * A unit's care of a day (issue 16 §5) with one row per child: urgent requests opened, acknowledged,
 * arranged and escalated that day with the median minutes to acknowledge and to arrange, and care
 * visits done, summed from each grid's counters; for today also where things stand now. Counts
 * only: no household, no person.
 */
export async function careReport(
  ports: Pick<DistrictPorts, 'careCounts' | 'urgentRequests' | 'householdNeeds'>, unit: Unit, date: string, settings: { timeZone: string; careVisitDays: number }, now = new Date(),
) {
  const counts = await ports.careCounts.ofDay(unit.grids, date);
  const standing = date === dayOf(now, settings.timeZone) ? await careNow(ports, unit.grids, settings.careVisitDays, now) : undefined;
  const row = (u: Unit): CareRow => ({
    level: u.level, id: u.id, name: u.name,
    ...careFigures(u.grids.map((g): CareCounts => counts.get(g) ?? {})),
    ...(standing && { now: sumNow(u.grids.map((g) => standing.get(g)!)) }),
  });
  return { ...row(unit), date, children: unit.children.map(row) };
}

async function careNow(ports: Pick<DistrictPorts, 'urgentRequests' | 'householdNeeds'>, gridIds: readonly string[], careVisitDays: number, now: Date) {
  const byGrid = new Map(gridIds.map((g) => [g, { openUrgent: 0, overdueUrgent: 0, visitsDue: 0 }]));
  for (const request of await ports.urgentRequests.openInDistrict()) {
    const grid = byGrid.get(request.gridId);
    if (!grid) continue;
    grid.openUrgent++;
    if (urgentStatus(request, now).overdue) grid.overdueUrgent++;
  }
  await eachLimited(gridIds, 16, async (gridId) => {
    const households = (await ports.householdNeeds.needsInGrid(gridId)).filter((h) => h.needs.length > 0);
    byGrid.get(gridId)!.visitsDue = households.filter((h) => careVisitDue(h.lastVisit, now, careVisitDays)).length;
  });
  return byGrid;
}

const sumNow = (grids: readonly CareNow[]): CareNow => ({
  openUrgent: grids.reduce((n, g) => n + g.openUrgent, 0),
  overdueUrgent: grids.reduce((n, g) => n + g.overdueUrgent, 0),
  visitsDue: grids.reduce((n, g) => n + g.visitsDue, 0),
});
