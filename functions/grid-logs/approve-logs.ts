import { approveGridLogs, findGridLogs } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/grid-logs/approve',
  load: ({ body }) => findGridLogs(runtime, body.logIds),
  targets: (_request, logs) => ({ grid: [...new Set(logs.map((l) => l.gridId))] }),
  run: async ({ body, principal }, logs) => ({ status: 200, body: { logs: await approveGridLogs(runtime, logs, principal.subject, body.reason) } }),
});
