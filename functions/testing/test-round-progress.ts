import { findRound, roundGrids, roundProgress } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, testRoundStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { testRoundProgressRoute } from '@firstline/schemas';

const runtime = await functionRuntime('test-round-progress', [registryStore, residentStore, testRoundStore]);

export const handler = httpRoute(runtime, {
  route: testRoundProgressRoute,
  load: ({ params }) => findRound(runtime, params.roundId),
  // The whole round needs every grid of it; `gridId` asks for one grid's part of it.
  targets: ({ query }, { round, registry }) => ({ grid: query.gridId !== undefined ? [query.gridId] : roundGrids(round, registry) }),
  run: async ({ query }, { round, registry }) => ({ status: 200, body: await roundProgress(runtime, registry, round, query.gridId) }),
});
