import { districtRuntime, readGridDays } from '@firstline/adapters';
import { dailyReport, reportCsv } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { loadUnit } from './load-unit.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/daily',
  load: ({ query }) => loadUnit(runtime, query.level, query.id),
  // A grid worker reads the units whose grids are all theirs; the command center, the district.
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query, headers }, { registry, unit }) => {
    const days = await readGridDays(runtime, unit.grids, query.date, registry.district.policy);
    const report = dailyReport(unit, query.date, days);
    if ((headers['accept'] ?? '').includes('text/csv')) return { status: 200, body: reportCsv(report), contentType: 'text/csv; charset=utf-8' };
    return { status: 200, body: report };
  },
});
