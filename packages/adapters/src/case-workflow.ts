import type { CodeColor, OpenCase, QuarantineState } from '@firstline/domain';
import { deriveCodeStatus } from '@firstline/domain';
import type { ResidentStore, StoredCase } from './resident-store.ts';

/**
 * Changes a person's cases and re-derives their code colour and quarantine in one conditional
 * write, retrying when another request changed the person in between (two cases at once).
 * Undefined when there is no such person.
 */
export async function applyCaseToPerson(
  residents: ResidentStore,
  personId: string,
  change: (cases: Readonly<Record<string, StoredCase>>) => Record<string, StoredCase>,
): Promise<{ codeColor: CodeColor; status: QuarantineState } | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await residents.getWithCases(personId);
    if (!current) return undefined;
    const cases = change(current.cases);
    const { codeColor, quarantine } = deriveCodeStatus(Object.entries(cases).map(([caseId, c]) => ({ caseId, ...c }) as OpenCase));
    if (await residents.updateCases(personId, { cases, codeColor, status: quarantine }, current.version)) {
      return { codeColor, status: quarantine };
    }
  }
  throw new Error(`person ${personId} changed too often to apply a case`);
}
