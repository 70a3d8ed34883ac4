import type { Resident } from '@firstline/domain';
import { dayOf, outingsLeft } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';

/** How many of a household's deliveries its resident's app lists. */
const latestDeliveries = 20;

/**
 * What a resident's app shows of their household: outings left under closed management (null when
 * the district has no pass quota), its latest deliveries with call numbers and the building's
 * testing slots with the resident's own part in them — no other person's data.
 */
export async function householdView(ports: Pick<DistrictPorts, 'households' | 'deliveries' | 'registry' | 'defaultTimeZone' | 'testRounds'>, resident: Resident) {
  const { policy, timeZone } = await districtSettings(ports);
  const [state, deliveries, testSlots] = await Promise.all([
    policy.outings ? ports.households.load(resident.householdId) : undefined,
    ports.deliveries.ofHousehold(resident.householdId, latestDeliveries),
    ownTestSlots(ports, resident, dayOf(new Date(), timeZone)),
  ]);
  const outings = policy.outings && state
    ? { ...policy.outings, left: outingsLeft(state.outings, dayOf(new Date(), timeZone), policy.outings) }
    : null;
  return {
    householdId: resident.householdId,
    buildingId: resident.buildingId,
    outings,
    // Orders for this household in this building: another building's order naming the same
    // household id (before anyone registered there) is not theirs to see.
    deliveries: deliveries.filter((d) => d.buildingId === resident.buildingId).map(({ deliveryId, kind, status, callNumber, priority, requestedAt, items }) => ({ deliveryId, kind, status, callNumber, priority, requestedAt, items })),
    testSlots,
  };
}

/**
 * The building's testing slots from today on, each with whether this resident was tested and
 * their result: what the app shows whoever has not consented to SMS (and everyone else).
 */
async function ownTestSlots(ports: Pick<DistrictPorts, 'testRounds'>, resident: Resident, today: string) {
  const slots = await ports.testRounds.slotsOf(resident.buildingId, today);
  return Promise.all(slots.map(async (slot) => {
    const sample = await ports.testRounds.sampleOf(slot.roundId, resident.personId);
    return { ...slot, tested: sample !== undefined, ...(sample?.result && { result: sample.result }) };
  }));
}
