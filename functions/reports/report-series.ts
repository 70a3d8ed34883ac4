import { findUnit, reportSeries } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/series',
  load: ({ query }) => findUnit(runtime, query.level, query.id),
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query }, { registry, unit }) => ({ status: 200, body: await reportSeries(runtime, registry, unit, query.from, query.to) }),
});
