import { reopenGridDay, requireGrid } from '@firstline/app';
import { functionRuntime, registryStore, gridLogStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { reopenGridDayRoute } from '@firstline/schemas';

const runtime = await functionRuntime('reopen-grid-day', [registryStore, gridLogStore]);

export const handler = httpRoute(runtime, {
  route: reopenGridDayRoute,
  load: ({ body }) => requireGrid(runtime, body.gridId),
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }) => ({ status: 200, body: await reopenGridDay(runtime, body, principal.subject) }),
});
