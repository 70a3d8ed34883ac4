import { openRound, requireRegistry, roundGrids } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, testRoundStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { postTestRoundRoute } from '@firstline/schemas';

const runtime = await functionRuntime('open-test-round', [registryStore, residentStore, testRoundStore]);

export const handler = httpRoute(runtime, {
  route: postTestRoundRoute,
  load: ({ body }) => requireRegistry(runtime, (index) => body.slots.every((s) => s.buildingIds.every((b) => index.gridOfBuilding(b) !== undefined))),
  // A grid worker opens rounds for the buildings of their own grids; an admin, any community's.
  targets: ({ body }, registry) => ({ grid: roundGrids(body, registry) }),
  run: async ({ body, principal }, registry) => ({ status: 201, body: await openRound(runtime, registry, body, principal.subject) }),
});
