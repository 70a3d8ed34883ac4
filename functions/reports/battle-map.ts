import { requireRegistry } from '@firstline/app';
import { battleMap, mapAudience } from '@firstline/app/reporting/battle-map';
import { functionRuntime, registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore } from '@firstline/adapters';
import { holdsWildcard } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { battleMapRoute } from '@firstline/schemas';

const runtime = await functionRuntime('battle-map', [registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore]);

export const handler = httpRoute(runtime, {
  route: battleMapRoute,
  // The command center and admins see the district; a grid worker the grids their token names.
  load: async ({ principal }) => mapAudience(await requireRegistry(runtime), principal.role === 'admin' || holdsWildcard(principal) ? 'all' : principal.scopes),
  targets: (_request, { grids }) => ({ grid: grids }),
  run: async ({ query }, audience) => ({ status: 200, body: await battleMap(runtime, audience, query.date) }),
});
