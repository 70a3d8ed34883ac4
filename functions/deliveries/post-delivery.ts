import { districtRuntime, requestDispatch } from '@firstline/adapters';
import { dayOf, queueDelivery, transitionCounts } from '@firstline/domain';
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
    // Counted by whichever request claims it: the first, or a repeat after a crash before counting.
    if (await runtime.deliveries.claimCounting(body.deliveryId)) {
      const counts = transitionCounts(undefined, delivery, timeZone);
      await runtime.deliveries.addCounts(counts);
      // An order entered after the fact counts on its own, possibly closed, day.
      await runtime.snapshots.markLate(counts.map((c) => c.day), dayOf(new Date(), timeZone));
    }
    // Also on a repeat: the first request may have stopped before the dispatcher heard of it.
    await requestDispatch(runtime, [gridId]);
    return { status: 202, body: { deliveryId: body.deliveryId, status: 'queued' } };
  },
});
