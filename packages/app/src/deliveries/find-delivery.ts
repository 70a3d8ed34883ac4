import type { StoredDelivery } from '@firstline/domain';
import { NotFoundError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** The delivery a request names, or 404: its grid and holder are what the scope check needs. */
export async function findDelivery(ports: Pick<DistrictPorts, 'deliveries'>, deliveryId: string): Promise<StoredDelivery> {
  const delivery = await ports.deliveries.get(deliveryId);
  if (!delivery) throw new NotFoundError(`no delivery ${deliveryId}`);
  return delivery;
}
