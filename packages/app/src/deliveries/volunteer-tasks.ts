import type { Volunteer } from '@firstline/domain';
import { NotFoundError, walkingOrder } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { deliveryView } from './delivery-view.ts';

/** The volunteer a request names, or 404: a dispatcher signs volunteers up before they have tasks. */
export async function findVolunteer(ports: Pick<DistrictPorts, 'volunteers'>, volunteerId: string): Promise<Volunteer> {
  const volunteer = await ports.volunteers.get(volunteerId);
  if (!volunteer) throw new NotFoundError(`no volunteer ${volunteerId}; a dispatcher signs volunteers up`);
  return volunteer;
}

/** A volunteer's open tasks in walking order: building by building, call numbers in order. */
export async function volunteerTasks(ports: Pick<DistrictPorts, 'deliveries'>, volunteerId: string) {
  const tasks = await ports.deliveries.tasksOf(volunteerId);
  return { volunteerId, tasks: walkingOrder(tasks).map(deliveryView) };
}
