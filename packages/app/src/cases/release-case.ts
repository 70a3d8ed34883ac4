import type { CaseRecord } from '@firstline/domain';
import {
  ConflictError, dayOf, ForbiddenError, NotFoundError, releaseNeedsApproval, releaseTimeProblem, timeProblems, ValidationError,
} from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { askRevision } from '../closing/revise-days.ts';
import { meantWithin } from '../client-ids.ts';
import { announceCaseEvents, caseReleased } from '../province/case-events.ts';
import { applyCaseToPerson } from './apply-case-to-person.ts';

/** The case a request names within its grids (any, when undefined), or 404; its grid is what the scope check needs. */
export async function findCase(ports: Pick<DistrictPorts, 'cases'>, caseId: string, gridIds: readonly string[] | undefined): Promise<CaseRecord> {
  const found = meantWithin(await ports.cases.withId(caseId), gridIds, 'case', caseId);
  if (!found) throw new NotFoundError(`no case ${caseId}`);
  return found;
}

/** A released case as the routes answer it, with the person's colour after it; the province is told of the release. */
async function released(ports: DistrictPorts, stored: CaseRecord & { releasedAt: string }, now: Date) {
  const { timeZone } = await districtSettings(ports);
  const person = await applyCaseToPerson(ports.residents, stored.personId, (cases) => {
    const kept = cases[stored.caseId] ?? { category: stored.category, quarantine: stored.quarantine, reportedAt: stored.reportedAt };
    return { ...cases, [stored.caseId]: { ...kept, releasedAt: stored.releasedAt } };
  });
  // The grid's open cases changed from the release day on: those closed days are revised.
  await askRevision(ports, [{ gridId: stored.gridId, day: stored.releasedDay ?? dayOf(stored.releasedAt, timeZone) }], timeZone, now);
  await announceCaseEvents(ports.caseEvents, [caseReleased(ports.district, stored, stored.releasedAt)]);
  return {
    caseId: stored.caseId, personId: stored.personId, releasedAt: stored.releasedAt, release: 'released' as const,
    releasedBy: stored.releasedBy ?? 'unrecorded', ...(stored.releaseApprovedBy !== undefined ? { approvedBy: stored.releaseApprovedBy } : {}),
    codeColor: person.codeColor, status: person.status,
  };
}

const isReleased = (c: CaseRecord): c is CaseRecord & { releasedAt: string } => c.releasedAt !== undefined;

/** The case as the store kept it after a release: released, by this call or a concurrent one. */
function mustBeReleased(stored: CaseRecord): CaseRecord & { releasedAt: string } {
  if (!isReleased(stored)) throw new ConflictError(`case ${stored.caseId} changed while it was being released; retry`);
  return stored;
}

/**
 * Releases a case, as a grid worker asks: `releasedAt` not before the case was reported and within
 * the district's time bounds (a 400 naming it otherwise); who released it is kept. A confirmed
 * case or a central quarantine is only asked for: it waits, still open and the colour unchanged,
 * for an admin's approval. A repeat keeps the first release (or request) and answers it again.
 */
export async function releaseCase(ports: DistrictPorts, found: CaseRecord, at: string, by: string, now = new Date()) {
  if (isReleased(found)) return released(ports, found, now);
  const { policy, timeZone } = await districtSettings(ports);
  const problems = timeProblems([{ path: 'releasedAt', at }], policy, now);
  const early = releaseTimeProblem(found.reportedAt, at);
  if (early) problems.push({ path: 'releasedAt', message: early });
  if (problems.length > 0) throw new ValidationError('a release time the server cannot accept', problems);
  const releasedDay = dayOf(at, timeZone);
  if (!releaseNeedsApproval(found)) return released(ports, mustBeReleased(await ports.cases.release(found, { releasedAt: at, releasedDay, releasedBy: by })), now);
  const stored = await ports.cases.requestRelease(found, { releasedAt: at, by, requestedAt: now.toISOString() });
  if (isReleased(stored)) return released(ports, stored, now);
  const resident = await ports.residents.get(stored.personId);
  if (!resident) throw new NotFoundError(`no resident ${stored.personId}`);
  return {
    caseId: stored.caseId, personId: stored.personId, releasedAt: stored.pendingRelease!.releasedAt, release: 'pending-approval' as const,
    releasedBy: stored.pendingRelease!.by, codeColor: resident.codeColor, status: resident.status,
  };
}

/**
 * The second person's approval of a confirmed or central-quarantine case's release: an admin who
 * neither reported the case nor asked for its release (403 otherwise). The case is released at the
 * time asked for, with who asked and who approved kept; then the colour changes.
 */
export async function approveRelease(ports: DistrictPorts, found: CaseRecord, approver: string, now = new Date()) {
  if (isReleased(found)) return released(ports, found, now);
  const pending = found.pendingRelease;
  if (!pending) throw new ConflictError(`case ${found.caseId} has no release waiting for approval`);
  if (approver === pending.by || approver === found.reportedBy) {
    throw new ForbiddenError('a release needs a second person: the approver may not be who reported the case or asked for its release');
  }
  const { timeZone } = await districtSettings(ports);
  const stored = await ports.cases.release(found, {
    releasedAt: pending.releasedAt, releasedDay: dayOf(pending.releasedAt, timeZone), releasedBy: pending.by, approvedBy: approver, approvedAt: now.toISOString(),
  });
  return released(ports, mustBeReleased(stored), now);
}
