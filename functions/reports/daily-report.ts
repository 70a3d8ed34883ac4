import { findUnit, logDayState, testingSummary, unitReport } from '@firstline/app';
import { limitedReads, refuseFutureDay } from '@firstline/app/reporting/report-cost';
import { functionRuntime, registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore, testRoundStore } from '@firstline/adapters';
import { csvLanguage, reportCsv, reportWithSmallCellsHidden } from '@firstline/domain';
import { readsFromOutside } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { dailyReportRoute } from '@firstline/schemas';

const runtime = await functionRuntime('daily-report', [registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore, testRoundStore]);

export const handler = httpRoute(runtime, {
  route: dailyReportRoute,
  load: ({ query }) => findUnit(runtime, query.level, query.id),
  // A grid worker reads the units whose grids are all theirs; the command center, the district.
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query, headers, principal }, { registry, unit }) => {
    refuseFutureDay(query.date, registry.district.timeZone, 'date');
    // Today's district report reads every grid: with bounded reads in flight and a time budget.
    const exact = await unitReport(limitedReads(runtime), registry, unit, query.date);
    const outside = readsFromOutside(principal, runtime);
    const report = outside ? reportWithSmallCellsHidden(exact, registry.district.policy.smallCellK) : exact;
    if ((headers['accept'] ?? '').includes('text/csv')) return { status: 200, body: reportCsv(report, csvLanguage(headers['accept-language'])), contentType: 'text/csv; charset=utf-8' };
    // A grid's own day says whether its logs are still taken, and who reopened it: the district's business only.
    const logDay = unit.level === 'grid' && !outside ? await logDayState(runtime, unit.id, query.date) : undefined;
    // Testing rounds count buildings' residents, small cells included: the district's business only.
    const testing = outside ? undefined : await testingSummary(runtime, registry, unit, query.date);
    return { status: 200, body: { ...report, ...(logDay && { logDay }), ...(testing && { testing }) } };
  },
});
