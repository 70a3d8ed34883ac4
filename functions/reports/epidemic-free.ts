import { epidemicFree } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/epidemic-free',
  run: async ({ query }) => ({ status: 200, body: await epidemicFree(runtime, query.level, query.date) }),
});
