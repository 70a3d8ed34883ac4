import { walkingOrder } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { deliveryView } from './delivery-view.ts';

/** A volunteer's open tasks in walking order: building by building, call numbers in order. */
export async function volunteerTasks(ports: Pick<DistrictPorts, 'deliveries'>, volunteerId: string) {
  const tasks = await ports.deliveries.tasksOf(volunteerId);
  return { volunteerId, tasks: walkingOrder(tasks).map(deliveryView) };
}
