import { listOpenCases, requireRegistry, workListAudience } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, caseStore } from '@firstline/adapters';
import { csvLanguage, openCasesCsv } from '@firstline/domain';
import { holdsWildcard } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { listOpenCasesRoute } from '@firstline/schemas';

const runtime = await functionRuntime('list-open-cases', [registryStore, residentStore, caseStore]);

export const handler = httpRoute(runtime, {
  route: listOpenCasesRoute,
  // The command center sees the district, a grid worker their own grids; `gridId` one grid, if the token may.
  load: async ({ query, principal }) => {
    const index = await requireRegistry(runtime);
    return { registry: index.registry, ...workListAudience(index, holdsWildcard(principal) ? 'all' : principal.scopes, query.gridId) };
  },
  targets: (_request, { named }) => ({ grid: named }),
  run: async ({ query, headers }, { registry, scope }) => {
    const list = await listOpenCases(runtime, registry, scope, query);
    if ((headers['accept'] ?? '').includes('text/csv')) {
      return { status: 200, body: openCasesCsv(list.items, csvLanguage(headers['accept-language'], query.lang)), contentType: 'text/csv; charset=utf-8' };
    }
    return { status: 200, body: list };
  },
});
