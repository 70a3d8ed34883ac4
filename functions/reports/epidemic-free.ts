import { districtRuntime, readGridDays } from '@firstline/adapters';
import { epidemicFreeListing } from '@firstline/domain';
import { httpRoute, NotFoundError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/epidemic-free',
  run: async ({ query }) => {
    const registry = (await runtime.registry.index())?.registry;
    if (!registry) throw new NotFoundError('the district has no registry yet');
    const days = await readGridDays(runtime, registry.grids.map((g) => g.id), query.date, registry.district.policy);
    return { status: 200, body: epidemicFreeListing(registry, query.level, days) };
  },
});
