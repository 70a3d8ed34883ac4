import { setVolunteerDuty } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'PUT /v1/volunteers/{volunteerId}/duty',
  targets: ({ params }) => ({ volunteer: [params.volunteerId] }),
  run: async ({ params, body }) => ({ status: 200, body: await setVolunteerDuty(runtime, params.volunteerId, body.onDuty) }),
});
