import type { FailureReason, StoredDelivery } from '@firstline/domain';
import { ConflictError, NotFoundError, requireWithinBounds } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { changeDelivery } from './change-delivery.ts';
import { deliveryView } from './delivery-view.ts';

export interface VolunteerReport {
  readonly type: 'picked-up' | 'delivered' | 'failed';
  readonly at: string;
  readonly reason?: FailureReason | undefined;
  readonly note?: string | undefined;
}

/**
 * The delivery a volunteer reports on. One nobody holds yet says so (409: it is still queued),
 * rather than leaving the scope check to refuse an unnamed holder.
 */
export async function findHeldDelivery(ports: Pick<DistrictPorts, 'deliveries'>, deliveryId: string): Promise<StoredDelivery & { volunteerId: string }> {
  const delivery = await ports.deliveries.get(deliveryId);
  if (!delivery) throw new NotFoundError(`no delivery ${deliveryId}`);
  if (delivery.volunteerId === undefined) throw new ConflictError(`delivery ${deliveryId} is ${delivery.status}: no volunteer holds it yet`);
  return delivery as StoredDelivery & { volunteerId: string };
}

/**
 * Picked up, delivered or failed (with a reason), as the volunteer holding it reports; `at` within
 * the district's time bounds (a 400 naming it otherwise), so no minutes-to-deliver can be made up.
 */
export async function recordDeliveryEvent(ports: DistrictPorts, delivery: StoredDelivery & { volunteerId: string }, report: VolunteerReport, now = new Date()) {
  const { timeZone, policy } = await districtSettings(ports);
  requireWithinBounds([{ path: 'at', at: report.at }], policy, now);
  const note = report.note ? { note: report.note } : {};
  const event = report.type === 'failed' ? { type: 'failed' as const, reason: report.reason!, ...note } : { type: report.type, ...note };
  const { delivery: after } = await changeDelivery(ports, delivery.deliveryId, event, delivery.volunteerId, report.at, timeZone);
  // At the door: the household is told (those who consented). Named by the delivery, so a repeated
  // report tells nobody twice; the notifier sends it, nothing here waits on an SMS.
  if (after.status === 'delivered') {
    await ports.notifications.send([{ notification: { notificationId: `door-${after.deliveryId}`, householdId: after.householdId, template: 'delivery-at-door', item: after.items[0]?.name ?? '' } }]);
  }
  return deliveryView(after);
}
