import type { DeliveryStatus } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { deliveryView } from './delivery-view.ts';

/** A page of a grid's deliveries for the dispatcher, oldest first. */
export async function listDeliveries(ports: Pick<DistrictPorts, 'deliveries'>, query: { gridId: string; status?: DeliveryStatus | undefined; limit: number; next?: string | undefined }) {
  const page = await ports.deliveries.byGrid(query.gridId, query.status, query.limit, query.next);
  return { items: page.items.map(deliveryView), next: page.next };
}
