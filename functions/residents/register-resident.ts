import { placeBuilding, registerResident } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, householdStore, populationStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http/http-route';
import { registerResidentRoute } from '@firstline/schemas';

// The province, when the stack has one: the resident's digest is linked while the ID number is at hand.
const runtime = await withProvince(await functionRuntime('register-resident', [registryStore, residentStore, householdStore, populationStore]));

export const handler = httpRoute(runtime, {
  route: registerResidentRoute,
  load: ({ body }) => placeBuilding(runtime, body.buildingId),
  targets: (_request, { gridId }) => ({ grid: [gridId] }),
  run: async ({ body }, { gridId }) => ({ status: 201, body: await registerResident(runtime, body, gridId) }),
});
