import { ConflictError, maskName, maskPhone } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { linkResidentToProvince } from '../province/link-resident.ts';
import type { HouseholdBuildings } from './household-building.ts';
import { placeHousehold } from './household-building.ts';

export interface Registration {
  readonly idNumber: string;
  readonly name: string;
  readonly phone: string;
  readonly buildingId: string;
  readonly householdId: string;
}

/**
 * Registers a person under a keyed pseudonym with masked name and phone: the raw values are never
 * stored. Their household must be their building's (a 409 on `householdId` otherwise). The grid's
 * registered residents and households are counted, for the validation of its logs. With a
 * province, the person's provincial digest is linked to them, on a repeat too (the first request
 * may have stopped before it), so the province's code finds them at the gate.
 */
export async function registerResident(ports: DistrictPorts & { readonly householdBuildings: HouseholdBuildings }, registration: Registration, gridId: string) {
  const { idNumber, name, phone, buildingId, householdId } = registration;
  const newHousehold = await placeHousehold(ports.householdBuildings, householdId, buildingId);
  const resident = {
    personId: ports.pseudonyms.personId(idNumber),
    nameMasked: maskName(name),
    phoneMasked: maskPhone(phone),
    buildingId,
    gridId,
    householdId,
    codeColor: 'green' as const,
    status: 'none' as const,
  };
  const fingerprint = ports.pseudonyms.fingerprint([idNumber.toUpperCase(), name, phone, buildingId, householdId]);
  const outcome = await ports.residents.register(resident, fingerprint);
  if (outcome === 'conflict') throw new ConflictError('this person is already registered with other details');
  await linkResidentToProvince(ports.province, resident.personId, idNumber);
  // Counted once, by the registration that created them (a crash in between leaves the count short, never double).
  await ports.population.add(gridId, { residents: outcome === 'created' ? 1 : 0, households: newHousehold ? 1 : 0 });
  const { personId, nameMasked, phoneMasked } = resident;
  return { personId, nameMasked, phoneMasked, buildingId, gridId, householdId };
}
