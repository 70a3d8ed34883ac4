import { NotFoundError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { saveVolunteer } from './update-volunteer.ts';

/** A volunteer going on or off duty from their own phone: off duty hands back what is not picked up. */
export async function setVolunteerDuty(ports: DistrictPorts, volunteerId: string, onDuty: boolean) {
  const current = await ports.volunteers.get(volunteerId);
  if (!current) throw new NotFoundError(`no volunteer ${volunteerId}; a dispatcher signs volunteers up`);
  const saved = await saveVolunteer(ports, volunteerId, (previous) => {
    const { tasks: _tasks, takenAt: _takenAt, version: _version, ...profile } = previous ?? current;
    return { ...profile, onDuty };
  }, current);
  return { volunteerId, onDuty: saved.onDuty, openTasks: saved.openTasks, released: saved.released };
}
