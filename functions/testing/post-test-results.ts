import { findRound, recordResults, roundGrids } from '@firstline/app';
import { caseStore, functionRuntime, registryStore, residentStore, snapshotStore, testRoundStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http/http-route';
import { postResultsRoute } from '@firstline/schemas';

// A positive opens a case, which goes upward to the province when the stack has one.
const runtime = await withProvince(await functionRuntime('post-test-results', [registryStore, residentStore, testRoundStore, caseStore, snapshotStore]));

export const handler = httpRoute(runtime, {
  route: postResultsRoute,
  load: ({ params }) => findRound(runtime, params.roundId),
  targets: (_request, { round, registry }) => ({ grid: roundGrids(round, registry) }),
  run: async ({ body, principal }, { round }) => ({ status: 200, body: await recordResults(runtime, round, body.results, principal.subject) }),
});
