import { listFeverFollowUps, requireRegistry, workListAudience } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { csvLanguage, feverScansCsv } from '@firstline/domain';
import { holdsWildcard, httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/work-lists/fever-scans',
  // The command center sees the district, a grid worker their own grids; `gridId` one grid, if the token may.
  load: async ({ query, principal }) => {
    const index = await requireRegistry(runtime);
    return { registry: index.registry, ...workListAudience(index, holdsWildcard(principal) ? 'all' : principal.scopes, query.gridId) };
  },
  targets: (_request, { named }) => ({ grid: named }),
  run: async ({ query, headers }, { registry, scope }) => {
    const list = await listFeverFollowUps(runtime, registry, scope, query);
    if ((headers['accept'] ?? '').includes('text/csv')) {
      return { status: 200, body: feverScansCsv(list.items, csvLanguage(headers['accept-language'], query.lang)), contentType: 'text/csv; charset=utf-8' };
    }
    return { status: 200, body: list };
  },
});
