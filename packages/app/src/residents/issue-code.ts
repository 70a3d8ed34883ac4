import type { Resident } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** A signed, single-use code for the resident's screen, valid 5 minutes, carrying the colour it was issued with. */
export async function issueCode(ports: Pick<DistrictPorts, 'codes'>, resident: Resident) {
  const { code, expiresAt } = await ports.codes.issue(resident.personId, resident.codeColor, new Date());
  return { code, codeColor: resident.codeColor, expiresAt: expiresAt.toISOString() };
}
