import { districtRuntime, readGridDays } from '@firstline/adapters';
import { dailyReport, reportCsv, unitOf } from '@firstline/domain';
import { httpRoute, NotFoundError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/daily',
  load: async ({ query }) => {
    const registry = (await runtime.registry.index())?.registry;
    const unit = registry && unitOf(registry, query.level, query.id);
    if (!registry || !unit) throw new NotFoundError(`no ${query.level} ${query.id}`);
    return { registry, unit };
  },
  // A grid worker reads the units whose grids are all theirs; the command center, the district.
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query, headers }, { registry, unit }) => {
    const days = await readGridDays(runtime, unit.grids, query.date, registry.district.policy);
    const report = dailyReport(unit, query.date, days);
    if ((headers['accept'] ?? '').includes('text/csv')) return { status: 200, body: reportCsv(report), contentType: 'text/csv; charset=utf-8' };
    return { status: 200, body: report };
  },
});
