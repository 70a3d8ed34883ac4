import { placeBuilding, placeResidentRequest, requestDelivery } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/deliveries',
  load: ({ body, principal }) => (principal.role === 'resident'
    ? placeResidentRequest(runtime, principal.scopes, body)
    : placeBuilding(runtime, body.buildingId)),
  targets: (_request, { gridId, personId }) => ({ grid: [gridId], ...(personId === undefined ? {} : { person: [personId] }) }),
  run: async ({ body, principal }, placement) => ({ status: 202, body: await requestDelivery(runtime, placement, body, principal.subject) }),
});
