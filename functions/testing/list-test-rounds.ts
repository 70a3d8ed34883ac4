import { gridOfPlace, listRounds, requireRegistry } from '@firstline/app';
import { functionRuntime, registryStore, testRoundStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { listTestRoundsRoute } from '@firstline/schemas';

const runtime = await functionRuntime('list-test-rounds', [registryStore, testRoundStore]);

const placeOf = (query: { gridId?: string | undefined; checkpointId?: string | undefined }) => (query.gridId !== undefined ? { gridId: query.gridId } : { checkpointId: query.checkpointId! });

export const handler = httpRoute(runtime, {
  route: listTestRoundsRoute,
  load: () => requireRegistry(runtime),
  // A sampling point's scanner reads its community's rounds through its checkpoint, a grid worker
  // through the point's grid; a grid's rounds, its grid workers and scanners holding every gate of it.
  targets: ({ query }, registry) => {
    const gridId = gridOfPlace(registry, placeOf(query));
    const checkpoints = query.checkpointId !== undefined ? [query.checkpointId] : registry.registry.checkpoints.filter((c) => c.gridId === gridId).map((c) => c.id);
    return { grid: [gridId], checkpoint: checkpoints };
  },
  run: async ({ query }, registry) => ({ status: 200, body: await listRounds(runtime, registry, query.day, placeOf(query)) }),
});
