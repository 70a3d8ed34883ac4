import { districtRuntime, requestDispatch } from '@firstline/adapters';
import { queueDelivery, transitionCounts } from '@firstline/domain';
import { ConflictError, httpRoute, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/deliveries',
  load: async ({ body }) => {
    const registry = await runtime.registry.index();
    const gridId = registry?.gridOfBuilding(body.buildingId);
    if (!registry || !gridId) throw new ValidationError('unknown building', [{ path: 'buildingId', message: `unknown building ${body.buildingId}` }]);
    return { gridId, timeZone: registry.registry.district.timeZone };
  },
  targets: (_request, { gridId }) => ({ grid: [gridId] }),
  run: async ({ body, principal }, { gridId, timeZone }) => {
    const delivery = queueDelivery({ ...body, gridId }, principal.subject);
    const hash = runtime.pseudonyms.fingerprint([JSON.stringify(body)]);
    const outcome = await runtime.deliveries.create(delivery, hash);
    if (outcome === 'conflict') throw new ConflictError(`delivery ${body.deliveryId} was requested before with another body`);
    if (outcome === 'created') await runtime.deliveries.addCounts(transitionCounts(undefined, delivery, timeZone));
    // Also on a repeat: the first request may have stopped before the dispatcher heard of it.
    await requestDispatch(runtime, [gridId]);
    return { status: 202, body: { deliveryId: body.deliveryId, status: 'queued' } };
  },
});
