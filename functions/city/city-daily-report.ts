import { cityRuntime } from '@firstline/adapters';
import { reportCsv } from '@firstline/domain';
import { httpRoute } from '@firstline/http';

const runtime = cityRuntime();

/** One read: the totals item holds the day's district rows and their sums. */
export const handler = httpRoute(runtime, {
  route: 'GET /v1/city/reports/daily',
  run: async ({ query, headers }) => {
    const report = await runtime.store.report(query.date);
    if ((headers['accept'] ?? '').includes('text/csv')) return { status: 200, body: reportCsv(report), contentType: 'text/csv; charset=utf-8' };
    return { status: 200, body: report };
  },
});
