import { cityRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = cityRuntime();

/** One read: the totals item holds the day's district rows and their sums. */
export const handler = httpRoute(runtime, {
  route: 'GET /v1/city/reports/daily',
  run: async ({ query }) => ({ status: 200, body: await runtime.store.report(query.date) }),
});
