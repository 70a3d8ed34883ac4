import { findUnit, reportSeries } from '@firstline/app';
import { functionRuntime, registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore } from '@firstline/adapters';
import { withSmallCellsHidden } from '@firstline/domain';
import { readsFromOutside } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { reportSeriesRoute } from '@firstline/schemas';

const runtime = await functionRuntime('report-series', [registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore]);

export const handler = httpRoute(runtime, {
  route: reportSeriesRoute,
  load: ({ query }) => findUnit(runtime, query.level, query.id),
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query, principal }, { registry, unit }) => {
    const series = await reportSeries(runtime, registry, unit, query.from, query.to);
    if (!readsFromOutside(principal, runtime)) return { status: 200, body: series };
    return { status: 200, body: { days: series.days.map((day) => withSmallCellsHidden(day, registry.district.policy.smallCellK)) } };
  },
});
