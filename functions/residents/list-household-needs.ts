import { listHouseholdNeeds } from '@firstline/app';
import { functionRuntime, registryStore, householdStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { listHouseholdNeedsRoute } from '@firstline/schemas';

const runtime = await functionRuntime('list-household-needs', [registryStore, householdStore]);

export const handler = httpRoute(runtime, {
  route: listHouseholdNeedsRoute,
  targets: ({ query }) => ({ grid: [query.gridId] }),
  run: async ({ query }) => ({ status: 200, body: await listHouseholdNeeds(runtime, query.gridId, query.due === 'true') }),
});
