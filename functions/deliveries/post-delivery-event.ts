import { findHeldDelivery, recordDeliveryEvent } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/deliveries/{deliveryId}/events',
  load: ({ params }) => findHeldDelivery(runtime, params.deliveryId),
  // Only the volunteer holding the delivery may report on it.
  targets: (_request, delivery) => ({ volunteer: [delivery.volunteerId] }),
  run: async ({ body }, delivery) => ({ status: 200, body: await recordDeliveryEvent(runtime, delivery, body) }),
});
