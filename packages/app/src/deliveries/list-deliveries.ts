import type { DeliveryStatus } from '@firstline/domain';
import { planAssignments } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { deliveryView } from './delivery-view.ts';

/**
 * A page of a grid's deliveries for the dispatcher, oldest first. Each queued one says why it still
 * waits, from the domain's own plan over the page's queued deliveries and the grid's volunteers as
 * they are now (the volunteers are read only when the page holds a queued delivery).
 */
export async function listDeliveries(
  ports: Pick<DistrictPorts, 'deliveries' | 'volunteers'>,
  query: { gridId: string; status?: DeliveryStatus | undefined; limit: number; next?: string | undefined },
) {
  const page = await ports.deliveries.byGrid(query.gridId, query.status, query.limit, query.next);
  const queued = page.items.filter((d) => d.status === 'queued');
  const volunteers = queued.length > 0 ? await ports.volunteers.ofGrid(query.gridId) : [];
  const { waiting } = planAssignments(queued, volunteers.map((v) => ({ ...v, openTasks: v.tasks.length })));
  const why = new Map(waiting.map((w) => [w.deliveryId, w.reason]));
  return { items: page.items.map((d) => ({ ...deliveryView(d), ...(why.has(d.deliveryId) ? { waiting: why.get(d.deliveryId)! } : {}) })), next: page.next };
}
