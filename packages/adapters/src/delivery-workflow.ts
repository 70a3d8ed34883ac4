import type { Delivery, DeliveryEvent } from '@firstline/domain';
import { applyDeliveryEvent, dayOf, isOpenStatus, transitionCounts } from '@firstline/domain';
import type { DistrictRuntime } from './district-runtime.ts';
import { sendAll } from './queue-publisher.ts';

export type ChangeOutcome =
  | { readonly ok: true; readonly delivery: Delivery; readonly changed: boolean }
  | { readonly ok: false; readonly error: 'not-found' | 'forbidden' | 'invalid-transition'; readonly message: string };

/** Asks the dispatcher to look at these grids' queues again (new work, or a volunteer with room). */
export async function requestDispatch(runtime: DistrictRuntime, gridIds: Iterable<string>): Promise<void> {
  const queueUrl = runtime.config.queueUrls.dispatch;
  if (!queueUrl) throw new Error('no dispatch queue configured');
  const unique = [...new Set(gridIds)];
  if (unique.length > 0) await sendAll(runtime.clients.sqs, queueUrl, unique.map((gridId) => ({ gridId })));
}

/**
 * Applies one event to a stored delivery: decides with the domain's status flow on the latest
 * version, saves with a version check (re-reading on a race), then keeps the rest consistent — the
 * report counters, the volunteer's task list when a task ends, and a dispatch request when a
 * delivery goes back to the queue or a volunteer gets room.
 */
export async function changeDelivery(
  runtime: DistrictRuntime,
  deliveryId: string,
  event: DeliveryEvent,
  by: string | undefined,
  at: string,
  timeZone: string,
): Promise<ChangeOutcome> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const stored = await runtime.deliveries.get(deliveryId);
    if (!stored) return { ok: false, error: 'not-found', message: `no delivery ${deliveryId}` };
    const { version, hash, ...before } = stored;
    const result = applyDeliveryEvent<Delivery>(before, event, by, at);
    if (!result.ok) return result;
    if (!result.changed) {
      // A repeat of the latest event (a client that got no answer): finish what the first may have
      // left undone after saving, as a crash there leaves the ended task on the volunteer's list.
      if (before.volunteerId !== undefined && !isOpenStatus(before.status)) {
        const holder = await runtime.volunteers.get(before.volunteerId);
        if (holder?.tasks.includes(deliveryId)) {
          await runtime.volunteers.dropTasks(before.volunteerId, [deliveryId]);
          await requestDispatch(runtime, [before.gridId]);
        }
      }
      return { ok: true, delivery: before, changed: false };
    }
    if (!(await runtime.deliveries.save(result.delivery, version, hash))) continue;

    const after = result.delivery;
    const counts = transitionCounts(before, after, timeZone);
    await runtime.deliveries.addCounts(counts);
    await runtime.snapshots.markLate(counts.map((c) => c.day), dayOf(new Date(), timeZone));
    const holder = before.volunteerId;
    const freed = holder !== undefined && (after.volunteerId !== holder || !isOpenStatus(after.status));
    if (freed) await runtime.volunteers.dropTasks(holder, [deliveryId]);
    if (freed || (after.status === 'queued' && before.status !== 'queued')) await requestDispatch(runtime, [after.gridId]);
    return { ok: true, delivery: after, changed: true };
  }
  throw new Error(`delivery ${deliveryId} is contended; try again`);
}
