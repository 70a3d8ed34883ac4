import { findVulnerableHousehold, recordCareVisit } from '@firstline/app';
import { functionRuntime, registryStore, householdStore, careCountStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { postCareVisitRoute } from '@firstline/schemas';

const runtime = await functionRuntime('post-care-visit', [registryStore, householdStore, careCountStore]);

export const handler = httpRoute(runtime, {
  route: postCareVisitRoute,
  load: ({ params }) => findVulnerableHousehold(runtime, params.householdId),
  targets: (_request, household) => ({ grid: [household.gridId] }),
  run: async ({ params, body, principal }) => ({ status: 200, body: await recordCareVisit(runtime, params.householdId, body, principal.subject) }),
});
