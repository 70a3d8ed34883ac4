import { listOpenUrgentRequests, requireRegistry, workListAudience } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { holdsWildcard, httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/urgent-requests',
  // The command center sees the district, a grid worker their own grids; `gridId` one grid, if the token may.
  load: async ({ query, principal }) => workListAudience(await requireRegistry(runtime), holdsWildcard(principal) ? 'all' : principal.scopes, query.gridId),
  targets: (_request, { named }) => ({ grid: named }),
  run: async (_request, { scope }) => ({ status: 200, body: await listOpenUrgentRequests(runtime, scope) }),
});
