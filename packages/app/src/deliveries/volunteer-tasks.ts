import { NotFoundError, walkingOrder } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { deliveryView } from './delivery-view.ts';

/**
 * A volunteer's open tasks in walking order: building by building, call numbers in order; 404 for
 * a volunteer nobody signed up (asked after the scope check, so only of one's own id).
 */
export async function volunteerTasks(ports: Pick<DistrictPorts, 'deliveries' | 'volunteers'>, volunteerId: string) {
  const [volunteer, tasks] = await Promise.all([ports.volunteers.get(volunteerId), ports.deliveries.tasksOf(volunteerId)]);
  if (!volunteer) throw new NotFoundError(`no volunteer ${volunteerId}; a dispatcher signs volunteers up`);
  return { volunteerId, tasks: walkingOrder(tasks).map(deliveryView) };
}
