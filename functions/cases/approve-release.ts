import { approveRelease, findCase } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/cases/{caseId}/approve-release',
  load: ({ params }) => findCase(runtime, params.caseId),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ principal }, found) => ({ status: 200, body: await approveRelease(runtime, found, principal.subject) }),
});
