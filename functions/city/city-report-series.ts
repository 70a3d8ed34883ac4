import { cityRuntime } from '@firstline/adapters';
import { daysBetween } from '@firstline/domain';
import { httpRoute } from '@firstline/http';

const runtime = cityRuntime();

/** The city's trend: each day's stored totals, without the district rows. */
export const handler = httpRoute(runtime, {
  route: 'GET /v1/city/reports/series',
  run: async ({ query }) => {
    const reports = await runtime.store.reports(daysBetween(query.from, query.to));
    return { status: 200, body: { days: reports.map(({ children: _children, ...day }) => day) } };
  },
});
