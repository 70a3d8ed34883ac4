import { admitUpload, requireCheckpoints } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { ConflictError } from '@firstline/domain';
import { countVerdicts, httpRoute, logger } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/scans',
  load: ({ body }) => requireCheckpoints(runtime, body.scans),
  targets: ({ body }) => ({ checkpoint: body.scans.map((s) => s.checkpointId) }),
  run: async ({ body }, registry) => {
    const results = await admitUpload(runtime, registry, body.scans).catch((error: unknown) => {
      if (error instanceof ConflictError) for (const { path } of error.details) logger.info('scan conflicts with its first body', { path });
      throw error;
    });
    countVerdicts(results);
    for (const { scanId, verdict, reason } of results) if (verdict === 'deny') logger.debug('scan denied', { scanId, reason });
    return { status: 200, body: { results } };
  },
});
