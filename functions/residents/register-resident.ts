import { placeBuilding, registerResident } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http';

// The province, when the stack has one: the resident's digest is linked while the ID number is at hand.
const runtime = await withProvince(await districtRuntime('register-resident'));

export const handler = httpRoute(runtime, {
  route: 'POST /v1/residents',
  load: ({ body }) => placeBuilding(runtime, body.buildingId),
  targets: (_request, { gridId }) => ({ grid: [gridId] }),
  run: async ({ body }, { gridId }) => ({ status: 201, body: await registerResident(runtime, body, gridId) }),
});
