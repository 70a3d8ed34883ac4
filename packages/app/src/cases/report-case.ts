import type { CaseRecord, Resident } from '@firstline/domain';
import { ConflictError, dayOf } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { applyCaseToPerson } from './apply-case-to-person.ts';

export type CaseReport = Pick<CaseRecord, 'caseId' | 'personId' | 'category' | 'quarantine' | 'reportedAt'>;

/**
 * Registers a four-category case: new for the person's grid on the day of `reportedAt` (a past,
 * possibly closed day stops being final), and the person's colour derived again.
 */
export async function reportCase(ports: DistrictPorts, report: CaseReport, resident: Resident) {
  const { timeZone } = await districtSettings(ports);
  const record: CaseRecord = {
    ...report,
    gridId: resident.gridId,
    day: dayOf(report.reportedAt, timeZone),
    hash: ports.pseudonyms.fingerprint([report.caseId, report.personId, report.category, String(Date.parse(report.reportedAt)), report.quarantine]),
  };
  if ((await ports.cases.create(record)) === 'conflict') throw new ConflictError(`case ${report.caseId} was reported before with another body`);
  await ports.snapshots.markLate([record.day], dayOf(new Date(), timeZone));
  // Also on a repeat: the first request may have stopped before the person's colour changed.
  const person = await applyCaseToPerson(ports.residents, report.personId, (cases) => ({
    ...cases,
    [report.caseId]: cases[report.caseId] ?? { category: report.category, quarantine: report.quarantine, reportedAt: report.reportedAt },
  }));
  return { ...report, gridId: resident.gridId, day: record.day, codeColor: person.codeColor, status: person.status };
}
