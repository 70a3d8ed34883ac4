import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';
import { loadResident } from './load-resident.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/residents/{personId}/code',
  load: ({ params }) => loadResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async (_request, resident) => {
    const { code, expiresAt } = await runtime.codes.issue(resident.personId, new Date());
    return { status: 200, body: { code, codeColor: resident.codeColor, expiresAt: expiresAt.toISOString() } };
  },
});
