import type { Volunteer, VolunteerProfile } from '@firstline/domain';
import { maskName, maskPhone } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { changeDelivery } from './change-delivery.ts';
import { withinScope } from './delivery-scope.ts';

/** A dispatcher's sign-up of a volunteer, as the route takes it (name and phone in the clear, masked here). */
export type VolunteerSignUp = Omit<VolunteerProfile, 'volunteerId' | 'nameMasked' | 'phoneMasked'> & { readonly name: string; readonly phone: string };

export async function updateVolunteer(ports: DistrictPorts, volunteerId: string, signUp: VolunteerSignUp, loaded: Volunteer | undefined) {
  const { name, phone, ...rest } = signUp;
  const profile = { volunteerId, nameMasked: maskName(name), phoneMasked: maskPhone(phone), ...rest };
  return saveVolunteer(ports, volunteerId, () => profile, loaded);
}

/**
 * Saves the profile `change` makes of the stored one (optimistic concurrency: on a race it is made
 * again from the fresh profile), then keeps the rule that a task never sits with a volunteer who
 * is off duty, over capacity or outside its grid: the tasks not yet picked up are released,
 * newest first, and the dispatcher places them again.
 */
export async function saveVolunteer(
  ports: DistrictPorts,
  volunteerId: string,
  change: (previous: Volunteer | undefined) => VolunteerProfile,
  loaded: Volunteer | undefined,
) {
  let previous = loaded;
  let profile = change(previous);
  while (!(await ports.volunteers.saveProfile(profile, previous))) {
    previous = await ports.volunteers.get(volunteerId);
    profile = change(previous);
  }

  // The volunteer's own: an id another grid also used may name a delivery that is not theirs.
  const tasks = (await ports.deliveries.getMany(previous?.tasks ?? [])).filter((t) => t.volunteerId === volunteerId);
  const held = tasks.filter((t) => t.status === 'assigned')
    .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  const keep = profile.onDuty ? Math.max(profile.capacity - tasks.filter((t) => t.status === 'picked-up').length, 0) : 0;
  const release = [
    ...held.filter((t) => !profile.gridIds.includes(t.gridId)),
    ...held.filter((t) => profile.gridIds.includes(t.gridId)).slice(keep),
  ];
  const { timeZone } = await districtSettings(ports);
  const now = new Date().toISOString();
  for (const task of release) await changeDelivery(withinScope(ports, { gridIds: [task.gridId] }), task.deliveryId, { type: 'release' }, 'dispatcher', now, timeZone);
  if (profile.onDuty) await ports.dispatch.request(profile.gridIds);
  return { ...profile, openTasks: tasks.length - release.length, released: release.map((t) => t.deliveryId) };
}
