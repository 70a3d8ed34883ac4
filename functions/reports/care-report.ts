import { careReport, findUnit } from '@firstline/app';
import { refuseFutureDay } from '@firstline/app/reporting/report-cost';
import { functionRuntime, registryStore, householdStore, urgentRequestStore, careCountStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { careReportRoute } from '@firstline/schemas';

const runtime = await functionRuntime('care-report', [registryStore, householdStore, urgentRequestStore, careCountStore]);

export const handler = httpRoute(runtime, {
  route: careReportRoute,
  load: ({ query }) => findUnit(runtime, query.level, query.id),
  // As the daily report: a grid worker reads the units whose grids are all theirs; the command center, the district.
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query }, { registry, unit }) => {
    const { timeZone, policy } = registry.district;
    refuseFutureDay(query.date, timeZone, 'date');
    return { status: 200, body: await careReport(runtime, unit, query.date, { timeZone, careVisitDays: policy.careVisitDays }) };
  },
});
