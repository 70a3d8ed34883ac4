import { findUrgentRequest, gridsOf, takeUrgentStep } from '@firstline/app';
import { functionRuntime, registryStore, urgentRequestStore, careCountStore } from '@firstline/adapters';
import { restrictionOf } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { urgentRequestStepRoute } from '@firstline/schemas';

const runtime = await functionRuntime('urgent-request-step', [registryStore, urgentRequestStore, careCountStore]);

export const handler = httpRoute(runtime, {
  route: urgentRequestStepRoute,
  load: ({ params, principal }) => findUrgentRequest(runtime, params.requestId, gridsOf(restrictionOf(principal))),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ body, principal }, found) => ({ status: 200, body: await takeUrgentStep(runtime, found, body.step, principal.subject, body.how) }),
});
