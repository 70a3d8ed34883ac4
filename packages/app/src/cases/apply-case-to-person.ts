import type { CodeColor, OpenCase, QuarantineState, ResidentPort, StoredCase } from '@firstline/domain';
import { ContentionError, deriveCodeStatus, NotFoundError } from '@firstline/domain';

/**
 * Changes a person's cases and re-derives their code colour and quarantine in one conditional
 * write, retrying when another request changed the person in between (two cases at once).
 */
export async function applyCaseToPerson(
  residents: ResidentPort,
  personId: string,
  change: (cases: Readonly<Record<string, StoredCase>>) => Record<string, StoredCase>,
): Promise<{ codeColor: CodeColor; status: QuarantineState }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await residents.getWithCases(personId);
    if (!current) throw new NotFoundError(`no resident ${personId}`);
    const cases = change(current.cases);
    const { codeColor, quarantine } = deriveCodeStatus(Object.entries(cases).map(([caseId, c]) => ({ caseId, ...c }) as OpenCase));
    if (await residents.updateCases(personId, { cases, codeColor, status: quarantine }, current.version)) {
      return { codeColor, status: quarantine };
    }
  }
  throw new ContentionError(`person ${personId} is changing too often to apply a case; retry`);
}
