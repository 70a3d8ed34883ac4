import { districtRuntime } from '@firstline/adapters';
import { httpRoute, NotFoundError } from '@firstline/http';
import { personParams } from '@firstline/schemas';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/residents/{personId}/code',
  params: personParams,
  load: async ({ params }) => {
    const resident = await runtime.residents.get(params.personId);
    if (!resident) throw new NotFoundError(`no resident ${params.personId}`);
    return resident;
  },
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async (_request, resident) => {
    const { code, expiresAt } = await runtime.codes.issue(resident.personId, new Date());
    return { status: 200, body: { code, codeColor: resident.codeColor, expiresAt: expiresAt.toISOString() } };
  },
});
