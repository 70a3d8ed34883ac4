import { districtRuntime, readGridDays } from '@firstline/adapters';
import { dailyReport, daysBetween } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { loadUnit } from './load-unit.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/series',
  load: ({ query }) => loadUnit(runtime, query.level, query.id),
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query }, { registry, unit }) => {
    const days = await Promise.all(daysBetween(query.from, query.to).map(async (date) => {
      const { children: _children, ...report } = dailyReport(unit, date, await readGridDays(runtime, unit.grids, date, registry.district.policy));
      return report;
    }));
    return { status: 200, body: { days } };
  },
});
