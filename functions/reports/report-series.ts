import { districtRuntime, readUnitReport } from '@firstline/adapters';
import { daysBetween } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { loadUnit } from './load-unit.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/series',
  load: ({ query }) => loadUnit(runtime, query.level, query.id),
  targets: (_request, { unit }) => ({ grid: unit.grids }),
  run: async ({ query }, { registry, unit }) => {
    const days = await Promise.all(daysBetween(query.from, query.to).map(async (date) => {
      const { children: _children, ...report } = await readUnitReport(runtime, registry, unit, date);
      return report;
    }));
    return { status: 200, body: { days } };
  },
});
