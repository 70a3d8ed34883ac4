import { approveGridLog, findGridLog } from '@firstline/app';
import { functionRuntime, registryStore, snapshotStore, gridLogStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { approveGridLogRoute } from '@firstline/schemas';

const runtime = await functionRuntime('approve-grid-log', [registryStore, snapshotStore, gridLogStore]);

export const handler = httpRoute(runtime, {
  route: approveGridLogRoute,
  // An admin means any grid's log, or the grid it names when two grids chose the same id.
  load: ({ params, body }) => findGridLog(runtime, params.logId, body.gridId === undefined ? undefined : [body.gridId]),
  targets: (_request, log) => ({ grid: [log.gridId] }),
  run: async ({ body, principal }, log) => ({ status: 200, body: await approveGridLog(runtime, log, principal.subject, body.reason) }),
});
