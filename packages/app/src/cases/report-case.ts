import type { CaseRecord, Resident } from '@firstline/domain';
import { ConflictError, dayOf, requireWithinBounds } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { askRevision } from '../closing/revise-days.ts';
import { announceCaseEvents, caseRegistered } from '../province/case-events.ts';
import { applyCaseToPerson } from './apply-case-to-person.ts';

export type CaseReport = Pick<CaseRecord, 'caseId' | 'personId' | 'category' | 'quarantine' | 'reportedAt'>;

/**
 * Registers a four-category case: new for the person's grid on the day of `reportedAt`, which may
 * lie in the past only within the backlog window (a 400 naming `reportedAt` otherwise); who
 * reported it is kept. A past, closed day and every later one stop being final and are closed
 * again within a minute; the person's colour is derived again, and the province is told (once per
 * case, however often the request comes).
 */
export async function reportCase(ports: DistrictPorts, report: CaseReport, resident: Resident, by: string, now = new Date()) {
  const { timeZone, policy } = await districtSettings(ports);
  requireWithinBounds([{ path: 'reportedAt', at: report.reportedAt }], policy, now);
  const record: CaseRecord = {
    ...report,
    gridId: resident.gridId,
    day: dayOf(report.reportedAt, timeZone),
    hash: ports.pseudonyms.fingerprint([report.caseId, report.personId, report.category, String(Date.parse(report.reportedAt)), report.quarantine]),
    reportedBy: by,
  };
  const created = await ports.cases.create(record);
  if (created === 'conflict') throw new ConflictError(`case ${report.caseId} was reported before with another body`);
  const stored = created === 'created' ? record : ((await ports.cases.withId(report.caseId)).find((c) => c.gridId === record.gridId) ?? record);
  // Also on a repeat: the first request may have stopped before any of these.
  await askRevision(ports, [{ gridId: stored.gridId, day: stored.day }], timeZone, now);
  const person = await applyCaseToPerson(ports.residents, report.personId, (cases) => ({
    ...cases,
    [report.caseId]: cases[report.caseId] ?? { category: report.category, quarantine: report.quarantine, reportedAt: report.reportedAt },
  }));
  await announceCaseEvents(ports.caseEvents, [caseRegistered(ports.district, stored)]);
  // A code that turned yellow or red is told to its person (if they consented), with what to do.
  if (person.codeColor !== 'green' && person.codeColor !== resident.codeColor) {
    await ports.notifications.send([{
      notification: { notificationId: `code-${report.caseId}`, householdId: resident.householdId, personId: resident.personId, template: 'code-changed', color: person.codeColor },
    }]);
  }
  return { ...report, gridId: stored.gridId, day: stored.day, reportedBy: stored.reportedBy ?? by, codeColor: person.codeColor, status: person.status };
}
