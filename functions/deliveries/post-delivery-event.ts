import { findHeldDelivery, recordDeliveryEvent } from '@firstline/app';
import { deliveryScopeOf, withinScope } from '@firstline/app/deliveries/delivery-scope';
import { functionRuntime, registryStore, snapshotStore, deliveryStore, volunteerStore } from '@firstline/adapters';
import { restrictionOf } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { postDeliveryEventRoute } from '@firstline/schemas';

const runtime = await functionRuntime('post-delivery-event', [registryStore, snapshotStore, deliveryStore, volunteerStore]);

export const handler = httpRoute(runtime, {
  route: postDeliveryEventRoute,
  load: ({ params, principal }) => findHeldDelivery(withinScope(runtime, deliveryScopeOf(restrictionOf(principal))), params.deliveryId),
  // Only the volunteer holding the delivery may report on it.
  targets: (_request, delivery) => ({ volunteer: [delivery.volunteerId] }),
  run: async ({ body }, delivery) => ({ status: 200, body: await recordDeliveryEvent(withinScope(runtime, { gridIds: [delivery.gridId] }), delivery, body) }),
});
