import { deliveryView, findDelivery } from '@firstline/app';
import { deliveryScopeOf, withinScope } from '@firstline/app/deliveries/delivery-scope';
import { functionRuntime, deliveryStore } from '@firstline/adapters';
import { restrictionOf } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { getDeliveryRoute } from '@firstline/schemas';

const runtime = await functionRuntime('get-delivery', [deliveryStore]);

export const handler = httpRoute(runtime, {
  route: getDeliveryRoute,
  // The id means the caller's own: a delivery of its grids, or one the volunteer holds.
  load: ({ params, principal }) => findDelivery(withinScope(runtime, deliveryScopeOf(restrictionOf(principal))), params.deliveryId),
  // A volunteer reads only what they hold: a delivery nobody holds names no volunteer.
  targets: (_request, delivery) => ({ grid: [delivery.gridId], ...(delivery.volunteerId === undefined ? {} : { volunteer: [delivery.volunteerId] }) }),
  run: async (_request, delivery) => ({ status: 200, body: deliveryView(delivery) }),
});
