import type { Delivery, DeliveryEvent } from '@firstline/domain';
import { applyDeliveryEvent, ConflictError, ContentionError, dayOf, ForbiddenError, isOpenStatus, NotFoundError, transitionCounts } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

export type DeliveryChangePorts = Pick<DistrictPorts, 'deliveries' | 'volunteers' | 'snapshots' | 'dispatch'>;

const refusals = { forbidden: ForbiddenError, 'invalid-transition': ConflictError } as const;

/**
 * Applies one event to a stored delivery: decides with the domain's status flow on the latest
 * version, saves with a version check (re-reading on a race), then keeps the rest consistent — the
 * report counters, the volunteer's task list when a task ends, and a dispatch request when a
 * delivery goes back to the queue or a volunteer gets room. A refused event is thrown as the
 * domain's error (404, 403 or 409).
 */
export async function changeDelivery(
  ports: DeliveryChangePorts,
  deliveryId: string,
  event: DeliveryEvent,
  by: string | undefined,
  at: string,
  timeZone: string,
): Promise<{ readonly delivery: Delivery; readonly changed: boolean }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const stored = await ports.deliveries.get(deliveryId);
    if (!stored) throw new NotFoundError(`no delivery ${deliveryId}`);
    const { version, hash, ...before } = stored;
    const result = applyDeliveryEvent<Delivery>(before, event, by, at);
    if (!result.ok) throw new refusals[result.error](result.message);
    if (!result.changed) {
      // A repeat of the latest event (a client that got no answer): finish what the first may have
      // left undone after saving, as a crash there leaves the ended task on the volunteer's list.
      if (before.volunteerId !== undefined && !isOpenStatus(before.status)) {
        const holder = await ports.volunteers.get(before.volunteerId);
        if (holder?.tasks.includes(deliveryId)) {
          await ports.volunteers.dropTasks(before.volunteerId, [deliveryId]);
          await ports.dispatch.request([before.gridId]);
        }
      }
      return { delivery: before, changed: false };
    }
    if (!(await ports.deliveries.save(result.delivery, version, hash))) continue;

    const after = result.delivery;
    const counts = transitionCounts(before, after, timeZone);
    await ports.deliveries.addCounts(counts);
    await ports.snapshots.markLate(counts.map((c) => c.day), dayOf(new Date(), timeZone));
    const holder = before.volunteerId;
    const freed = holder !== undefined && (after.volunteerId !== holder || !isOpenStatus(after.status));
    if (freed) await ports.volunteers.dropTasks(holder, [deliveryId]);
    if (freed || (after.status === 'queued' && before.status !== 'queued')) await ports.dispatch.request([after.gridId]);
    return { delivery: after, changed: true };
  }
  throw new ContentionError(`delivery ${deliveryId} is changing too often; retry`);
}
