import { placeBuilding, recordHouseholdNeeds } from '@firstline/app';
import { functionRuntime, registryStore, householdStore, populationStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { putHouseholdNeedsRoute } from '@firstline/schemas';

const runtime = await functionRuntime('put-household-needs', [registryStore, householdStore, populationStore]);

export const handler = httpRoute(runtime, {
  route: putHouseholdNeedsRoute,
  load: ({ body }) => placeBuilding(runtime, body.buildingId),
  targets: (_request, { gridId }) => ({ grid: [gridId] }),
  run: async ({ params, body, principal }, { gridId }) => ({
    status: 200, body: await recordHouseholdNeeds(runtime, gridId, { ...body, householdId: params.householdId }, principal.subject),
  }),
});
