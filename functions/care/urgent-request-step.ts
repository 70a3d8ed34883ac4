import { findUrgentRequest, gridsOf, takeUrgentStep } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute, restrictionOf } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/urgent-requests/{requestId}/steps',
  load: ({ params, principal }) => findUrgentRequest(runtime, params.requestId, gridsOf(restrictionOf(principal))),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ body, principal }, found) => ({ status: 200, body: await takeUrgentStep(runtime, found, body.step, principal.subject, body.how) }),
});
