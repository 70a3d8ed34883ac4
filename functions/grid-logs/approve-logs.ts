import { approveGridLogs, findGridLogs } from '@firstline/app';
import { functionRuntime, registryStore, snapshotStore, gridLogStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { approveGridLogsRoute } from '@firstline/schemas';

const runtime = await functionRuntime('approve-grid-logs', [registryStore, snapshotStore, gridLogStore]);

export const handler = httpRoute(runtime, {
  route: approveGridLogsRoute,
  load: ({ body }) => findGridLogs(runtime, body.logIds),
  targets: (_request, logs) => ({ grid: [...new Set(logs.map((l) => l.gridId))] }),
  run: async ({ body, principal }, logs) => ({ status: 200, body: { logs: await approveGridLogs(runtime, logs, principal.subject, body.reason) } }),
});
