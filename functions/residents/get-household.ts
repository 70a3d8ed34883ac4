import { findResident, householdView } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, householdStore, deliveryStore, testRoundStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { residentHouseholdRoute } from '@firstline/schemas';

const runtime = await functionRuntime('resident-household', [registryStore, residentStore, householdStore, deliveryStore, testRoundStore]);

export const handler = httpRoute(runtime, {
  route: residentHouseholdRoute,
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async (_request, resident) => ({ status: 200, body: await householdView(runtime, resident) }),
});
