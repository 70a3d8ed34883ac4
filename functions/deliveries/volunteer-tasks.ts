import { volunteerTasks } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/volunteers/{volunteerId}/tasks',
  targets: ({ params }) => ({ volunteer: [params.volunteerId] }),
  run: async ({ params }) => ({ status: 200, body: await volunteerTasks(runtime, params.volunteerId) }),
});
