import { updateVolunteer } from '@firstline/app';
import { functionRuntime, registryStore, snapshotStore, deliveryStore, volunteerStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { putVolunteerRoute } from '@firstline/schemas';

const runtime = await functionRuntime('put-volunteer', [registryStore, snapshotStore, deliveryStore, volunteerStore]);

export const handler = httpRoute(runtime, {
  route: putVolunteerRoute,
  load: ({ params }) => runtime.volunteers.get(params.volunteerId),
  // A dispatcher manages volunteers of their grids: the grids named now and those held before.
  targets: ({ body }, previous) => ({ grid: [...body.gridIds, ...(previous?.gridIds ?? [])] }),
  run: async ({ params, body }, previous) => ({ status: 200, body: await updateVolunteer(runtime, params.volunteerId, body, previous) }),
});
