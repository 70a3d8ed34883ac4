import { checkGroupBuy, placeGroupBuy } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/group-buys',
  load: ({ body }) => checkGroupBuy(runtime, body),
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }, timeZone) => ({ status: 202, body: await placeGroupBuy(runtime, body, timeZone, principal.subject) }),
});
