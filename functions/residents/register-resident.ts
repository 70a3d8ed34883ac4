import { placeBuilding, registerResident } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime('register-resident');

export const handler = httpRoute(runtime, {
  route: 'POST /v1/residents',
  load: ({ body }) => placeBuilding(runtime, body.buildingId),
  targets: (_request, { gridId }) => ({ grid: [gridId] }),
  run: async ({ body }, { gridId }) => ({ status: 201, body: await registerResident(runtime, body, gridId) }),
});
