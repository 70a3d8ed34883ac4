import type { DistrictPorts } from '../../district.ts';

/** A person on a work list as the resident view shows them: the pseudonym, the masked name, the building. */
export interface ListedPerson {
  readonly personId: string;
  readonly nameMasked: string;
  readonly buildingId: string;
}

/**
 * The listed persons, read in one batch: names were masked before they were stored, so a work list
 * never holds more than the resident view does (no phone at all). A person not registered reads null.
 */
export async function listedPersons(ports: Pick<DistrictPorts, 'residents'>, personIds: readonly (string | null)[]): Promise<Map<string, ListedPerson>> {
  const ids = [...new Set(personIds.filter((id): id is string => id !== null))];
  const found = ids.length === 0 ? new Map() : await ports.residents.getMany(ids);
  return new Map([...found.values()].map((r) => [r.personId, { personId: r.personId, nameMasked: r.nameMasked, buildingId: r.buildingId }]));
}
