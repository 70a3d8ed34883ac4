import { cityDayReport } from '@firstline/app';
import { cityRuntime } from '@firstline/adapters';
import { csvLanguage, defaultPolicy, reportCsv, reportWithSmallCellsHidden } from '@firstline/domain';
import { httpRoute } from '@firstline/http/http-route';
import { cityDailyReportRoute } from '@firstline/schemas';

const runtime = cityRuntime();

export const handler = httpRoute(runtime, {
  route: cityDailyReportRoute,
  run: async ({ query, headers }) => {
    // The city is outside every district: small counts of persons read as below k.
    const report = reportWithSmallCellsHidden(await cityDayReport(runtime, query.date), defaultPolicy.smallCellK);
    if ((headers['accept'] ?? '').includes('text/csv')) return { status: 200, body: reportCsv(report, csvLanguage(headers['accept-language'])), contentType: 'text/csv; charset=utf-8' };
    return { status: 200, body: report };
  },
});
