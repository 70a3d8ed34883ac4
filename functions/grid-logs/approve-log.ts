import { approveGridLog, findGridLog } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/grid-logs/{logId}/approve',
  // An admin means any grid's log, or the grid it names when two grids chose the same id.
  load: ({ params, body }) => findGridLog(runtime, params.logId, body.gridId === undefined ? undefined : [body.gridId]),
  targets: (_request, log) => ({ grid: [log.gridId] }),
  run: async ({ body, principal }, log) => ({ status: 200, body: await approveGridLog(runtime, log, principal.subject, body.reason) }),
});
