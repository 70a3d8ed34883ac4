import { epidemicFree, listingRegistry } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/epidemic-free',
  load: () => listingRegistry(runtime),
  // The listing names every grid of the district: as for the district's daily report, the scope must cover them all.
  targets: (_request, { registry }) => ({ grid: registry.grids.map((g) => g.id) }),
  run: async ({ query }, index) => ({ status: 200, body: await epidemicFree(runtime, index, query.level, query.date) }),
});
