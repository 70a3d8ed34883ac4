import { cityDayReport } from '@firstline/app';
import { cityRuntime } from '@firstline/adapters';
import { csvLanguage, reportCsv } from '@firstline/domain';
import { httpRoute } from '@firstline/http';

const runtime = cityRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/city/reports/daily',
  run: async ({ query, headers }) => {
    const report = await cityDayReport(runtime, query.date);
    if ((headers['accept'] ?? '').includes('text/csv')) return { status: 200, body: reportCsv(report, csvLanguage(headers['accept-language'])), contentType: 'text/csv; charset=utf-8' };
    return { status: 200, body: report };
  },
});
