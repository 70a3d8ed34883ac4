import type { Resident } from '@firstline/domain';
import { NotFoundError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** The resident a request names, or 404: what the scope check and the use case both need. */
export async function findResident(ports: Pick<DistrictPorts, 'residents'>, personId: string): Promise<Resident> {
  const resident = await ports.residents.get(personId);
  if (!resident) throw new NotFoundError(`no resident ${personId}`);
  return resident;
}
