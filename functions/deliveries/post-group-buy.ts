import { checkGroupBuy, placeGroupBuy } from '@firstline/app';
import { functionRuntime, registryStore, householdStore, snapshotStore, deliveryStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { postGroupBuyRoute } from '@firstline/schemas';

const runtime = await functionRuntime('post-group-buy', [registryStore, householdStore, snapshotStore, deliveryStore]);

export const handler = httpRoute(runtime, {
  route: postGroupBuyRoute,
  load: ({ body }) => checkGroupBuy(runtime, body),
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }, timeZone) => ({ status: 202, body: await placeGroupBuy(runtime, body, timeZone, principal.subject) }),
});
