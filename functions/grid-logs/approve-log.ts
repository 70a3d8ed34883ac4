import { approveGridLog, findGridLog } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/grid-logs/{logId}/approve',
  load: ({ params }) => findGridLog(runtime, params.logId),
  targets: (_request, log) => ({ grid: [log.gridId] }),
  run: async ({ body, principal }, log) => ({ status: 200, body: await approveGridLog(runtime, log, principal.subject, body.reason) }),
});
