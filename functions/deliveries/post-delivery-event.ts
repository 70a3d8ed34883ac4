import { findHeldDelivery, recordDeliveryEvent } from '@firstline/app';
import { deliveryScopeOf, withinScope } from '@firstline/app/deliveries/delivery-scope';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute, restrictionOf } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/deliveries/{deliveryId}/events',
  load: ({ params, principal }) => findHeldDelivery(withinScope(runtime, deliveryScopeOf(restrictionOf(principal))), params.deliveryId),
  // Only the volunteer holding the delivery may report on it.
  targets: (_request, delivery) => ({ volunteer: [delivery.volunteerId] }),
  run: async ({ body }, delivery) => ({ status: 200, body: await recordDeliveryEvent(withinScope(runtime, { gridIds: [delivery.gridId] }), delivery, body) }),
});
