import { applyCaseToPerson, districtRuntime } from '@firstline/adapters';
import { httpRoute, NotFoundError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/cases/{caseId}/release',
  load: async ({ params }) => {
    const found = await runtime.cases.get(params.caseId);
    if (!found) throw new NotFoundError(`no case ${params.caseId}`);
    return found;
  },
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ body }, found) => {
    // A repeat keeps the first release time: releasing is idempotent.
    const releasedAt = await runtime.cases.release(found.caseId, body.releasedAt);
    const person = await applyCaseToPerson(runtime.residents, found.personId, (cases) => {
      const stored = cases[found.caseId] ?? { category: found.category, quarantine: found.quarantine, reportedAt: found.reportedAt };
      return { ...cases, [found.caseId]: { ...stored, releasedAt } };
    });
    if (!person) throw new NotFoundError(`no resident ${found.personId}`);
    return { status: 200, body: { caseId: found.caseId, personId: found.personId, releasedAt, codeColor: person.codeColor, status: person.status } };
  },
});
