import { admitUpload, requireCheckpoints } from '@firstline/app';
import { checkIdLookups, countIdMisses, lookupCaller } from '@firstline/app/intake/lookup-limit';
import { functionRuntime, registryStore, residentStore, scanStore, householdStore, lookupCounterStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { ConflictError } from '@firstline/domain';
import { countVerdicts, logger, ThrottledError } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { postScansRoute } from '@firstline/schemas';

// The province, when the stack has one: its code accepted by the district's policy, with the fallback.
const runtime = await withProvince(await functionRuntime('post-scans', [registryStore, residentStore, scanStore, householdStore, lookupCounterStore]));

export const handler = httpRoute(runtime, {
  route: postScansRoute,
  load: async ({ body, principal, headers }) => {
    const registry = await requireCheckpoints(runtime, body.scans);
    // ID numbers that match nobody are what an enumeration is made of: limited per token and checkpoint.
    const caller = lookupCaller(principal.subject, headers['authorization']);
    const lookups = await checkIdLookups(runtime.lookupCounters, caller, body.scans);
    if (!lookups.allowed) throw new ThrottledError(lookups.message, lookups.retryAfterSeconds);
    return { registry, caller };
  },
  targets: ({ body }) => ({ checkpoint: body.scans.map((s) => s.checkpointId) }),
  run: async ({ body }, { registry, caller }) => {
    const results = await admitUpload(runtime, registry, body.scans).catch((error: unknown) => {
      if (error instanceof ConflictError) for (const { path } of error.details) logger.info('scan conflicts with its first body', { path });
      throw error;
    });
    await countIdMisses(runtime.lookupCounters, caller, body.scans, results);
    countVerdicts(results);
    for (const { scanId, verdict, reason } of results) if (verdict === 'deny') logger.debug('scan denied', { scanId, reason });
    return { status: 200, body: { results } };
  },
});
