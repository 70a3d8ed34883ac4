import { updateVolunteer } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'PUT /v1/volunteers/{volunteerId}',
  load: ({ params }) => runtime.volunteers.get(params.volunteerId),
  // A dispatcher manages volunteers of their grids: the grids named now and those held before.
  targets: ({ body }, previous) => ({ grid: [...body.gridIds, ...(previous?.gridIds ?? [])] }),
  run: async ({ params, body }, previous) => ({ status: 200, body: await updateVolunteer(runtime, params.volunteerId, body, previous) }),
});
