import type { DistrictRuntime } from '@firstline/adapters';
import type { Resident } from '@firstline/domain';
import { NotFoundError } from '@firstline/http';

/** The resident a path names, or 404: what both resident views load before the scope check. */
export async function loadResident(runtime: DistrictRuntime, personId: string): Promise<Resident> {
  const resident = await runtime.residents.get(personId);
  if (!resident) throw new NotFoundError(`no resident ${personId}`);
  return resident;
}
