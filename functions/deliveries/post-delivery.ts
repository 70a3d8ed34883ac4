import { placeBuilding, placeResidentRequest, requestDelivery } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, householdStore, snapshotStore, deliveryStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { postDeliveryRoute } from '@firstline/schemas';

const runtime = await functionRuntime('post-delivery', [registryStore, residentStore, householdStore, snapshotStore, deliveryStore]);

export const handler = httpRoute(runtime, {
  route: postDeliveryRoute,
  load: ({ body, principal }) => (principal.role === 'resident'
    ? placeResidentRequest(runtime, principal.scopes, body)
    : placeBuilding(runtime, body.buildingId)),
  targets: (_request, { gridId, personId }) => ({ grid: [gridId], ...(personId === undefined ? {} : { person: [personId] }) }),
  run: async ({ body, principal }, placement) => ({ status: 202, body: await requestDelivery(runtime, placement, body, principal.subject) }),
});
