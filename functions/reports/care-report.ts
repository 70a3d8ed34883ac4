import { careReport, findUnit } from '@firstline/app';
import { refuseFutureDay } from '@firstline/app/reporting/report-cost';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/care',
  load: ({ query }) => findUnit(runtime, query.level, query.id),
  // As the daily report: a grid worker reads the units whose grids are all theirs; the command center, the district.
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query }, { registry, unit }) => {
    const { timeZone, policy } = registry.district;
    refuseFutureDay(query.date, timeZone, 'date');
    return { status: 200, body: await careReport(runtime, unit, query.date, { timeZone, careVisitDays: policy.careVisitDays }) };
  },
});
