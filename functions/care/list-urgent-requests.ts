import { listOpenUrgentRequests, requireRegistry, workListAudience } from '@firstline/app';
import { functionRuntime, registryStore, urgentRequestStore } from '@firstline/adapters';
import { holdsWildcard } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { listUrgentRequestsRoute } from '@firstline/schemas';

const runtime = await functionRuntime('list-urgent-requests', [registryStore, urgentRequestStore]);

export const handler = httpRoute(runtime, {
  route: listUrgentRequestsRoute,
  // The command center sees the district, a grid worker their own grids; `gridId` one grid, if the token may.
  load: async ({ query, principal }) => workListAudience(await requireRegistry(runtime), holdsWildcard(principal) ? 'all' : principal.scopes, query.gridId),
  targets: (_request, { named }) => ({ grid: named }),
  run: async (_request, { scope }) => ({ status: 200, body: await listOpenUrgentRequests(runtime, scope) }),
});
