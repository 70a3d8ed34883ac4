import type { DeliveryOrder } from '@firstline/domain';
import { ConflictError, dayOf, deliveryPriority, ForbiddenError, queueDelivery, requireWithinBounds, transitionCounts, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings, requireRegistry } from '../district.ts';
import type { HouseholdBuildings } from '../residents/household-building.ts';
import { checkHouseholds } from '../residents/household-building.ts';
import { withinScope } from './delivery-scope.ts';

export type DeliveryRequest = Omit<DeliveryOrder, 'gridId' | 'callNumber' | 'groupBuyId'>;

export interface Placement {
  readonly gridId: string;
  readonly timeZone: string;
  /** The resident asking for their own household, when a resident asks. */
  readonly personId?: string;
}

/** Where a building's deliveries go: its grid (what the scope check needs), or a 400 on `buildingId`. */
export async function placeBuilding(ports: Pick<DistrictPorts, 'registry'>, buildingId: string): Promise<Placement> {
  const registry = await requireRegistry(ports, (index) => !!index.gridOfBuilding(buildingId));
  const gridId = registry.gridOfBuilding(buildingId);
  if (!gridId) throw new ValidationError('unknown building', [{ path: 'buildingId', message: `unknown building ${buildingId}` }]);
  return { gridId, timeZone: registry.registry.district.timeZone };
}

/**
 * Where a resident's own request goes: only to their own household in their own building (a
 * resident never orders for another door). `scopes` are the resident token's: its one person.
 */
export async function placeResidentRequest(ports: Pick<DistrictPorts, 'registry' | 'residents'>, scopes: readonly string[], request: Pick<DeliveryRequest, 'householdId' | 'buildingId' | 'priority'>): Promise<Placement> {
  const [personId, ...others] = scopes;
  if (personId === undefined || others.length > 0) throw new ForbiddenError('a resident token names exactly one person');
  const resident = await ports.residents.get(personId);
  if (!resident || resident.householdId !== request.householdId || resident.buildingId !== request.buildingId) {
    throw new ForbiddenError('a resident may ask for deliveries to their own household only');
  }
  if (request.priority === 'hardship') throw new ValidationError('hardship is set by the grid office', [{ path: 'priority', message: 'a resident asks with normal or medical priority' }]);
  return { ...(await placeBuilding(ports, request.buildingId)), personId };
}

/**
 * Queues a delivery, counts its request once (whichever request claims it), and wakes the
 * dispatcher. It counts on the day of `requestedAt`, so that lies within the district's time
 * bounds (a 400 naming it otherwise): an order cannot be dated into a day long closed.
 */
export async function requestDelivery(districtPorts: DistrictPorts & { readonly householdBuildings: HouseholdBuildings }, { gridId, timeZone }: Placement, request: DeliveryRequest, by: string, now = new Date()) {
  requireWithinBounds([{ path: 'requestedAt', at: request.requestedAt }], (await districtSettings(districtPorts)).policy, now);
  await checkHouseholds(districtPorts.householdBuildings, [{ householdId: request.householdId, buildingId: request.buildingId, path: 'householdId' }]);
  // The id means this grid's delivery: another grid's use of the same id neither blocks nor answers it.
  const ports = withinScope(districtPorts, { gridIds: [gridId] });
  // A vulnerable household's needs raise its priority: nobody has to type it into every order.
  const needs = (await ports.householdNeeds.needsOf([request.householdId])).get(request.householdId)?.needs;
  const delivery = queueDelivery({ ...request, gridId, priority: deliveryPriority(request.priority, needs) }, by);
  const hash = ports.pseudonyms.fingerprint([JSON.stringify(request)]);
  if ((await ports.deliveries.create(delivery, hash)) === 'conflict') throw new ConflictError(`delivery ${request.deliveryId} was requested before with another body`);
  // Counted by whichever request claims it: the first, or a repeat after a crash before counting.
  if (await ports.deliveries.claimCounting(request.deliveryId)) {
    const counts = transitionCounts(undefined, delivery, timeZone);
    await ports.deliveries.addCounts(counts);
    // An order entered after the fact counts on its own, possibly closed, day.
    await ports.snapshots.markLate(counts.map((c) => c.day), dayOf(now, timeZone));
  }
  // Also on a repeat: the first request may have stopped before the dispatcher heard of it.
  await ports.dispatch.request([gridId]);
  return { deliveryId: request.deliveryId, status: 'queued' as const };
}
