import type { HouseholdNeed, HouseholdNeedsRecord } from '@firstline/domain';
import { needsPriority, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import type { HouseholdBuildings } from './household-building.ts';
import { placeHousehold } from './household-building.ts';

export interface NeedsReport {
  readonly householdId: string;
  readonly buildingId: string;
  readonly needs: readonly HouseholdNeed[];
  readonly dueDate?: string | undefined;
}

/** A household's needs as the routes answer them, with the priority they give its deliveries. */
const needsView = (record: HouseholdNeedsRecord) => ({ ...record, priority: needsPriority(record.needs) ?? ('normal' as const) });

/**
 * A grid worker registers (or replaces, or with no needs clears) a vulnerable household's needs.
 * Like a resident's registration it places the household in its building, once (409 if it is
 * another's); a due date goes with a pregnancy only
 * (400). From then on its deliveries and group-buy deliveries go with the priority its needs give.
 */
export async function recordHouseholdNeeds(
  ports: Pick<DistrictPorts, 'householdNeeds' | 'population'> & { readonly householdBuildings: HouseholdBuildings },
  gridId: string, report: NeedsReport, by: string, now = new Date(),
) {
  if (report.dueDate !== undefined && !report.needs.includes('pregnancy')) {
    throw new ValidationError('a due date without a pregnancy', [{ path: 'dueDate', message: 'a due date goes with the need "pregnancy"' }]);
  }
  // A household placed here first is a new household of the grid, as when its first resident registers.
  if (await placeHousehold(ports.householdBuildings, report.householdId, report.buildingId)) await ports.population.add(gridId, { residents: 0, households: 1 });
  const record: HouseholdNeedsRecord = { ...report, needs: [...new Set(report.needs)], gridId, updatedBy: by, updatedAt: now.toISOString() };
  await ports.householdNeeds.saveNeeds(record);
  return needsView(record);
}

/** Every household of a grid with needs registered, for those who serve it. */
export async function listHouseholdNeeds(ports: Pick<DistrictPorts, 'householdNeeds'>, gridId: string) {
  const records = await ports.householdNeeds.needsInGrid(gridId);
  return { items: records.filter((r) => r.needs.length > 0).sort((a, b) => a.householdId.localeCompare(b.householdId)).map(needsView) };
}
