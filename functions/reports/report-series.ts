import { districtRuntime, readGridDays } from '@firstline/adapters';
import { dailyReport, daysBetween, unitOf } from '@firstline/domain';
import { httpRoute, NotFoundError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/series',
  load: async ({ query }) => {
    const registry = (await runtime.registry.index())?.registry;
    const unit = registry && unitOf(registry, query.level, query.id);
    if (!registry || !unit) throw new NotFoundError(`no ${query.level} ${query.id}`);
    return { registry, unit };
  },
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query }, { registry, unit }) => {
    const days = await Promise.all(daysBetween(query.from, query.to).map(async (date) => {
      const { children: _children, ...report } = dailyReport(unit, date, await readGridDays(runtime, unit.grids, date, registry.district.policy));
      return report;
    }));
    return { status: 200, body: { days } };
  },
});
