import { changeDelivery, districtRuntime } from '@firstline/adapters';
import { ConflictError, ForbiddenError, httpRoute, NotFoundError } from '@firstline/http';
import { deliveryView } from './delivery-view.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/deliveries/{deliveryId}/events',
  load: async ({ params }) => {
    const delivery = await runtime.deliveries.get(params.deliveryId);
    if (!delivery) throw new NotFoundError(`no delivery ${params.deliveryId}`);
    return delivery;
  },
  // Only the volunteer the delivery is assigned to may report on it.
  targets: (_request, delivery) => ({ volunteer: [delivery.volunteerId ?? '(nobody)'] }),
  run: async ({ params, body }, delivery) => {
    const timeZone = (await runtime.registry.index())?.registry.district.timeZone ?? runtime.config.timeZone;
    const event = body.type === 'failed'
      ? { type: 'failed' as const, reason: body.reason!, ...(body.note ? { note: body.note } : {}) }
      : { type: body.type, ...(body.note ? { note: body.note } : {}) };
    const outcome = await changeDelivery(runtime, params.deliveryId, event, delivery.volunteerId, body.at, timeZone);
    if (!outcome.ok) {
      if (outcome.error === 'not-found') throw new NotFoundError(outcome.message);
      if (outcome.error === 'forbidden') throw new ForbiddenError(outcome.message);
      throw new ConflictError(outcome.message);
    }
    return { status: 200, body: deliveryView(outcome.delivery) };
  },
});
