import { recordGridLog, requireGrid } from '@firstline/app';
import { functionRuntime, registryStore, snapshotStore, gridLogStore, populationStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { postGridLogRoute } from '@firstline/schemas';

const runtime = await functionRuntime('post-grid-log', [registryStore, snapshotStore, gridLogStore, populationStore]);

export const handler = httpRoute(runtime, {
  route: postGridLogRoute,
  load: ({ body }) => requireGrid(runtime, body.gridId),
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }) => ({ status: 201, body: await recordGridLog(runtime, body, principal.subject) }),
});
