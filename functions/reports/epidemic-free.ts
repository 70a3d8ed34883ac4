import { epidemicFree, listingRegistry } from '@firstline/app';
import { functionRuntime, registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { epidemicFreeRoute } from '@firstline/schemas';

const runtime = await functionRuntime('epidemic-free', [registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore]);

export const handler = httpRoute(runtime, {
  route: epidemicFreeRoute,
  load: () => listingRegistry(runtime),
  // The listing names every grid of the district: as for the district's daily report, the scope must cover them all.
  targets: (_request, { registry }) => ({ grid: registry.grids.map((g) => g.id) }),
  run: async ({ query }, index) => ({ status: 200, body: await epidemicFree(runtime, index, query.level, query.date) }),
});
