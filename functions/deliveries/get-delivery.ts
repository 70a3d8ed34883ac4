import { deliveryView, findDelivery } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/deliveries/{deliveryId}',
  load: ({ params }) => findDelivery(runtime, params.deliveryId),
  targets: (_request, delivery) => ({ grid: [delivery.gridId], volunteer: [delivery.volunteerId ?? '(unassigned)'] }),
  run: async (_request, delivery) => ({ status: 200, body: deliveryView(delivery) }),
});
