import { callGroupBuy } from '@firstline/app';
import { deliveryStore, functionRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { callGroupBuyRoute } from '@firstline/schemas';

const runtime = await functionRuntime('call-group-buy', [deliveryStore]);

export const handler = httpRoute(runtime, {
  route: callGroupBuyRoute,
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ params, body }) => ({ status: 202, body: await callGroupBuy(runtime, { groupBuyId: params.groupBuyId, ...body }) }),
});
