import type { CareVisit, DialysisSchedule, HouseholdNeed, HouseholdNeedsRecord, MedicineSchedule } from '@firstline/domain';
import { careVisitDue, dayOf, needsPriority, NotFoundError, requireWithinBounds, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import type { HouseholdBuildings } from './household-building.ts';
import { placeHousehold } from './household-building.ts';

export interface NeedsReport {
  readonly householdId: string;
  readonly buildingId: string;
  readonly needs: readonly HouseholdNeed[];
  readonly dueDate?: string | undefined;
  readonly dialysis?: DialysisSchedule | undefined;
  readonly medicine?: Omit<MedicineSchedule, 'since'> | undefined;
}

/**
 * A household's needs as the routes answer them: with the priority they give its deliveries, and
 * whether a care visit is due (`careVisitDays` of the district's policy).
 */
const needsView = (record: HouseholdNeedsRecord, now: Date, careVisitDays: number) => ({
  ...record, priority: needsPriority(record.needs) ?? ('normal' as const), visitDue: careVisitDue(record.lastVisit, now, careVisitDays),
});

/**
 * A grid worker registers (or replaces, or with no needs clears) a vulnerable household's needs.
 * Like a resident's registration it places the household in its building, once (409 if it is
 * another's); a due date goes with a pregnancy only, sessions with dialysis only
 * (400). From then on its deliveries and group-buy deliveries go with the priority its needs give.
 */
export async function recordHouseholdNeeds(
  ports: Pick<DistrictPorts, 'householdNeeds' | 'population' | 'registry' | 'defaultTimeZone'> & { readonly householdBuildings: HouseholdBuildings },
  gridId: string, report: NeedsReport, by: string, now = new Date(),
) {
  if (report.dueDate !== undefined && !report.needs.includes('pregnancy')) {
    throw new ValidationError('a due date without a pregnancy', [{ path: 'dueDate', message: 'a due date goes with the need "pregnancy"' }]);
  }
  if (report.dialysis !== undefined && !report.needs.includes('dialysis')) {
    throw new ValidationError('sessions without dialysis', [{ path: 'dialysis', message: 'sessions go with the need "dialysis"' }]);
  }
  if (report.medicine !== undefined && !report.needs.includes('chronic-medicine')) {
    throw new ValidationError('medicine without a chronic need', [{ path: 'medicine', message: 'recurring medicine goes with the need "chronic-medicine"' }]);
  }
  // A household placed here first is a new household of the grid, as when its first resident registers.
  if (await placeHousehold(ports.householdBuildings, report.householdId, report.buildingId)) await ports.population.add(gridId, { residents: 0, households: 1 });
  const { medicine, ...rest } = report;
  // The schedule starts the day it is set (server time): its first delivery is today's.
  const since = medicine && dayOf(now, (await districtSettings(ports)).timeZone);
  const record: HouseholdNeedsRecord = {
    ...rest, needs: [...new Set(report.needs)], gridId, updatedBy: by, updatedAt: now.toISOString(), ...(medicine && since ? { medicine: { ...medicine, since } } : {}),
  };
  await ports.householdNeeds.saveNeeds(record);
  const stored = (await ports.householdNeeds.needsOf([report.householdId])).get(report.householdId) ?? record;
  return needsView(stored, now, (await districtSettings(ports)).policy.careVisitDays);
}

/**
 * Every household of a grid with needs registered, for those who serve it: a carer's list
 * (关爱帮扶员), each saying whether a visit is due; with `due`, only those.
 */
export async function listHouseholdNeeds(ports: Pick<DistrictPorts, 'householdNeeds' | 'registry' | 'defaultTimeZone'>, gridId: string, due = false, now = new Date()) {
  const { policy } = await districtSettings(ports);
  const records = (await ports.householdNeeds.needsInGrid(gridId)).filter((r) => r.needs.length > 0).sort((a, b) => a.householdId.localeCompare(b.householdId));
  const items = records.map((r) => needsView(r, now, policy.careVisitDays));
  return { items: due ? items.filter((i) => i.visitDue) : items };
}

/** The household a care visit names: one with needs registered (404 otherwise); its grid is what the scope check needs. */
export async function findVulnerableHousehold(ports: Pick<DistrictPorts, 'householdNeeds'>, householdId: string): Promise<HouseholdNeedsRecord> {
  const found = (await ports.householdNeeds.needsOf([householdId])).get(householdId);
  if (!found) throw new NotFoundError(`household ${householdId} has no needs registered`);
  return found;
}

/** A carer's visit or call, within the district's time bounds: the household's latest unless a later one is kept. */
export async function recordCareVisit(ports: DistrictPorts, householdId: string, visit: Omit<CareVisit, 'by'>, by: string, now = new Date()) {
  const { policy, timeZone } = await districtSettings(ports);
  requireWithinBounds([{ path: 'at', at: visit.at }], policy, now);
  const { record, kept } = await ports.householdNeeds.recordVisit(householdId, { ...visit, by });
  // Counted once, by the request that kept it (a crash before this leaves the day one short, never double).
  if (kept) await ports.careCounts.add(record.gridId, dayOf(visit.at, timeZone), { 'care.visits': 1 });
  return needsView(record, now, policy.careVisitDays);
}
