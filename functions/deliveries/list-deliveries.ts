import { listDeliveries } from '@firstline/app';
import { functionRuntime, deliveryStore, volunteerStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { listDeliveriesRoute } from '@firstline/schemas';

const runtime = await functionRuntime('list-deliveries', [deliveryStore, volunteerStore]);

export const handler = httpRoute(runtime, {
  route: listDeliveriesRoute,
  targets: ({ query }) => ({ grid: [query.gridId] }),
  run: async ({ query }) => ({ status: 200, body: await listDeliveries(runtime, query) }),
});
