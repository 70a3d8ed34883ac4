import { findUnit, reportSeries } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { withSmallCellsHidden } from '@firstline/domain';
import { httpRoute, readsFromOutside } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/series',
  load: ({ query }) => findUnit(runtime, query.level, query.id),
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query, principal }, { registry, unit }) => {
    const series = await reportSeries(runtime, registry, unit, query.from, query.to);
    if (!readsFromOutside(principal, runtime)) return { status: 200, body: series };
    return { status: 200, body: { days: series.days.map((day) => withSmallCellsHidden(day, registry.district.policy.smallCellK)) } };
  },
});
