import { placeBuilding, recordHouseholdNeeds } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'PUT /v1/households/{householdId}/needs',
  load: ({ body }) => placeBuilding(runtime, body.buildingId),
  targets: (_request, { gridId }) => ({ grid: [gridId] }),
  run: async ({ params, body, principal }, { gridId }) => ({
    status: 200, body: await recordHouseholdNeeds(runtime, gridId, { ...body, householdId: params.householdId }, principal.subject),
  }),
});
