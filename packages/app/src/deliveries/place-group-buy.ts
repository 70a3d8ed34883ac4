import type { DeliveryCountDelta, GroupBuyArrival } from '@firstline/domain';
import { ConflictError, dayOf, eachLimited, mergeCountDeltas, needsPriority, planGroupBuy, requireWithinBounds, transitionCounts, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import type { HouseholdBuildings } from '../residents/household-building.ts';
import { checkHouseholds } from '../residents/household-building.ts';
import { withinScope } from './delivery-scope.ts';

/**
 * The district's time zone once every household's building is known to be in the group-buy's grid
 * and `arrivedAt` (the day its deliveries count on) lies within the district's time bounds (else a 400).
 */
export async function checkGroupBuy(ports: Pick<DistrictPorts, 'registry'>, arrival: GroupBuyArrival, now = new Date()): Promise<string> {
  const registry = await requireRegistry(ports, (index) => !!index.grid(arrival.gridId) && arrival.households.every((h) => index.gridOfBuilding(h.buildingId)));
  requireWithinBounds([{ path: 'arrivedAt', at: arrival.arrivedAt }], registry.registry.district.policy, now);
  if (!registry.grid(arrival.gridId)) throw new ValidationError('unknown grid', [{ path: 'gridId', message: `unknown grid ${arrival.gridId}` }]);
  const outside = arrival.households.flatMap((h, i) => (registry.gridOfBuilding(h.buildingId) === arrival.gridId ? []
    : [{ path: `households.${i}.buildingId`, message: `building ${h.buildingId} is not in grid ${arrival.gridId}` }]));
  if (outside.length > 0) throw new ValidationError('buildings outside the grid', outside);
  return registry.registry.district.timeZone;
}

/**
 * One delivery per household with call numbers building by building; each counted once, claimed
 * only after all exist (a crash while creating leaves nothing claimed), then the grid dispatched.
 */
export async function placeGroupBuy(districtPorts: DistrictPorts & { readonly householdBuildings: HouseholdBuildings }, arrival: GroupBuyArrival, timeZone: string, by: string) {
  // No household named may be another building's (a 409 naming each).
  await checkHouseholds(districtPorts.householdBuildings, arrival.households.map((h, i) => ({ ...h, path: `households.${i}.householdId` })));
  // Its deliveries' ids are derived from ids other grids may know: they are this grid's alone.
  const ports = withinScope(districtPorts, { gridIds: [arrival.gridId] });
  // A vulnerable household's share goes with the priority its needs give (a group buy cannot say it).
  const needs = await ports.householdNeeds.needsOf(arrival.households.map((h) => h.householdId));
  const households = arrival.households.map((h) => {
    const priority = needsPriority(needs.get(h.householdId)?.needs ?? []);
    return priority ? { ...h, priority } : h;
  });
  const plan = planGroupBuy({ ...arrival, households }, by);
  if (!plan.ok) {
    throw new ValidationError(plan.message, plan.duplicates.map((d) => ({ path: `households.${d.index}.householdId`, message: `household ${d.householdId} is listed twice` })));
  }
  const hash = ports.pseudonyms.fingerprint([JSON.stringify(arrival)]);
  let conflict: string | undefined;
  await eachLimited(plan.deliveries, 16, async (delivery) => {
    if ((await ports.deliveries.create(delivery, hash)) === 'conflict') conflict = delivery.householdId;
  });
  if (conflict) throw new ConflictError(`group-buy ${arrival.groupBuyId} was sent before with other households or items`);
  const counts: DeliveryCountDelta[] = [];
  await eachLimited(plan.deliveries, 16, async (delivery) => {
    if (await ports.deliveries.claimCounting(delivery.deliveryId)) counts.push(...transitionCounts(undefined, delivery, timeZone));
  });
  const merged = mergeCountDeltas(counts);
  await ports.deliveries.addCounts(merged);
  await ports.snapshots.markLate(merged.map((c) => c.day), dayOf(new Date(), timeZone));
  await ports.dispatch.request([arrival.gridId]);
  return { groupBuyId: arrival.groupBuyId, deliveries: plan.deliveries.length };
}
