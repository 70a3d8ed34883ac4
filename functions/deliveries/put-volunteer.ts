import { changeDelivery, districtRuntime, requestDispatch } from '@firstline/adapters';
import { maskName, maskPhone } from '@firstline/domain';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'PUT /v1/volunteers/{volunteerId}',
  load: ({ params }) => runtime.volunteers.get(params.volunteerId),
  // A dispatcher manages volunteers of their grids: the grids named now and those held before.
  targets: ({ body }, previous) => ({ grid: [...body.gridIds, ...(previous?.gridIds ?? [])] }),
  run: async ({ params, body }, loaded) => {
    const profile = {
      volunteerId: params.volunteerId, nameMasked: maskName(body.name), phoneMasked: maskPhone(body.phone),
      roles: body.roles, gridIds: body.gridIds, onDuty: body.onDuty, capacity: body.capacity,
    };
    let previous = loaded;
    while (!(await runtime.volunteers.saveProfile(profile, previous))) previous = await runtime.volunteers.get(params.volunteerId);

    // A task never sits with a volunteer who is off duty, over capacity or outside its grid:
    // release the ones not yet picked up, newest first, and let the dispatcher place them again.
    const tasks = await runtime.deliveries.getMany(previous?.tasks ?? []);
    const held = tasks.filter((t) => t.status === 'assigned' && t.volunteerId === params.volunteerId)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
    const keep = body.onDuty ? Math.max(body.capacity - tasks.filter((t) => t.status === 'picked-up').length, 0) : 0;
    const release = [
      ...held.filter((t) => !body.gridIds.includes(t.gridId)),
      ...held.filter((t) => body.gridIds.includes(t.gridId)).slice(keep),
    ];
    const timeZone = (await runtime.registry.index())?.registry.district.timeZone ?? runtime.config.timeZone;
    const now = new Date().toISOString();
    for (const task of release) await changeDelivery(runtime, task.deliveryId, { type: 'release' }, 'dispatcher', now, timeZone);
    if (body.onDuty) await requestDispatch(runtime, body.gridIds);
    return { status: 200, body: { ...profile, openTasks: tasks.length - release.length, released: release.map((t) => t.deliveryId) } };
  },
});
