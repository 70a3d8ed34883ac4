import { findCase, releaseCase } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/cases/{caseId}/release',
  load: ({ params }) => findCase(runtime, params.caseId),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ body, principal }, found) => ({ status: 200, body: await releaseCase(runtime, found, body.releasedAt, principal.subject) }),
});
