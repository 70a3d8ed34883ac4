import { requireRegistry } from '@firstline/app';
import { battleMap, mapAudience } from '@firstline/app/reporting/battle-map';
import { districtRuntime } from '@firstline/adapters';
import { holdsWildcard, httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/reports/map',
  // The command center and admins see the district; a grid worker the grids their token names.
  load: async ({ principal }) => mapAudience(await requireRegistry(runtime), principal.role === 'admin' || holdsWildcard(principal) ? 'all' : principal.scopes),
  targets: (_request, { grids }) => ({ grid: grids }),
  run: async ({ query }, audience) => ({ status: 200, body: await battleMap(runtime, audience, query.date) }),
});
