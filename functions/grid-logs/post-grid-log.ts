import { districtRuntime } from '@firstline/adapters';
import { dayOf } from '@firstline/domain';
import { ConflictError, httpRoute, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/grid-logs',
  load: async ({ body }) => {
    if (!(await runtime.registry.index())?.grid(body.gridId)) throw new ValidationError('unknown grid', [{ path: 'gridId', message: `unknown grid ${body.gridId}` }]);
  },
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }) => {
    const hash = runtime.pseudonyms.fingerprint([JSON.stringify(body)]);
    const outcome = await runtime.gridLogs.create({ ...body, by: principal.subject }, hash);
    if (outcome === 'conflict') throw new ConflictError(`log ${body.logId} was sent before with another body`);
    await runtime.snapshots.markLate([body.date], dayOf(new Date(), (await runtime.registry.index())?.registry.district.timeZone ?? runtime.config.timeZone));
    return { status: 201, body };
  },
});
