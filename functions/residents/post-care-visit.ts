import { findVulnerableHousehold, recordCareVisit } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/households/{householdId}/visits',
  load: ({ params }) => findVulnerableHousehold(runtime, params.householdId),
  targets: (_request, household) => ({ grid: [household.gridId] }),
  run: async ({ params, body, principal }) => ({ status: 200, body: await recordCareVisit(runtime, params.householdId, body, principal.subject) }),
});
