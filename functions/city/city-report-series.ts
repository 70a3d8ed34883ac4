import { citySeries } from '@firstline/app';
import { cityRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = cityRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/city/reports/series',
  run: async ({ query }) => ({ status: 200, body: await citySeries(runtime, query.from, query.to) }),
});
