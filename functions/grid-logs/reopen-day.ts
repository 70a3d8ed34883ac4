import { reopenGridDay, requireGrid } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/grid-logs/reopen',
  load: ({ body }) => requireGrid(runtime, body.gridId),
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }) => ({ status: 200, body: await reopenGridDay(runtime, body, principal.subject) }),
});
