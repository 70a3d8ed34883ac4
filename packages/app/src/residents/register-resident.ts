import { ConflictError, maskName, maskPhone } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
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
 * stored. Their household must be their building's (a 409 on `householdId` otherwise).
 */
export async function registerResident(ports: DistrictPorts & { readonly householdBuildings: HouseholdBuildings }, registration: Registration, gridId: string) {
  const { idNumber, name, phone, buildingId, householdId } = registration;
  await placeHousehold(ports.householdBuildings, householdId, buildingId);
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
  if ((await ports.residents.register(resident, fingerprint)) === 'conflict') throw new ConflictError('this person is already registered with other details');
  const { personId, nameMasked, phoneMasked } = resident;
  return { personId, nameMasked, phoneMasked, buildingId, gridId, householdId };
}
