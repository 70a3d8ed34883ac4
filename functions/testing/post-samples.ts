import { findRound, recordSamples } from '@firstline/app';
import { checkIdLookups, countIdMisses, lookupCaller } from '@firstline/app/intake/lookup-limit';
import { functionRuntime, lookupCounterStore, registryStore, residentStore, testRoundStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { ThrottledError } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { postSamplesRoute } from '@firstline/schemas';

const runtime = await withProvince(await functionRuntime('post-samples', [registryStore, residentStore, testRoundStore, lookupCounterStore]));

export const handler = httpRoute(runtime, {
  route: postSamplesRoute,
  load: ({ params }) => findRound(runtime, params.roundId),
  // The sampling point's scanner, or a grid worker of its grid.
  targets: ({ body }, { registry }) => ({ checkpoint: [body.checkpointId], grid: [registry.gridOfCheckpoint(body.checkpointId) ?? body.checkpointId] }),
  run: async ({ body, principal, headers }, { round, registry }) => {
    // ID numbers looked up here draw on the same budgets as the gate's: a sampling point is no way round them.
    const caller = lookupCaller(principal.subject, headers['authorization']);
    const lookups = body.samples.map((s) => ({ checkpointId: body.checkpointId, idNumber: s.idNumber }));
    const allowed = await checkIdLookups(runtime.lookupCounters, caller, lookups);
    if (!allowed.allowed) throw new ThrottledError(allowed.message, allowed.retryAfterSeconds);
    const recorded = await recordSamples(runtime, registry, round, body.checkpointId, body.samples, principal.subject);
    await countIdMisses(runtime.lookupCounters, caller, lookups, recorded.results.map((r) => ({ reason: r.outcome })));
    return { status: 200, body: recorded };
  },
});
