import { districtRuntime } from '@firstline/adapters';
import { httpRoute, NotFoundError } from '@firstline/http';
import { deliveryView } from './delivery-view.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/deliveries/{deliveryId}',
  load: async ({ params }) => {
    const delivery = await runtime.deliveries.get(params.deliveryId);
    if (!delivery) throw new NotFoundError(`no delivery ${params.deliveryId}`);
    return delivery;
  },
  targets: (_request, delivery) => ({ grid: [delivery.gridId], volunteer: [delivery.volunteerId ?? '(nobody)'] }),
  run: async (_request, delivery) => ({ status: 200, body: deliveryView(delivery) }),
});
