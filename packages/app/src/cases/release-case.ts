import type { CaseRecord } from '@firstline/domain';
import { NotFoundError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { applyCaseToPerson } from './apply-case-to-person.ts';

/** The case a request names, or 404 (its grid is what the scope check needs). */
export async function findCase(ports: Pick<DistrictPorts, 'cases'>, caseId: string): Promise<CaseRecord> {
  const found = await ports.cases.get(caseId);
  if (!found) throw new NotFoundError(`no case ${caseId}`);
  return found;
}

/** Releases a case (a repeat keeps the first release time) and derives the person's colour again. */
export async function releaseCase(ports: DistrictPorts, found: CaseRecord, at: string) {
  const releasedAt = await ports.cases.release(found.caseId, at);
  const person = await applyCaseToPerson(ports.residents, found.personId, (cases) => {
    const stored = cases[found.caseId] ?? { category: found.category, quarantine: found.quarantine, reportedAt: found.reportedAt };
    return { ...cases, [found.caseId]: { ...stored, releasedAt } };
  });
  return { caseId: found.caseId, personId: found.personId, releasedAt, codeColor: person.codeColor, status: person.status };
}
