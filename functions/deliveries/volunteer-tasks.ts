import { volunteerTasks } from '@firstline/app';
import { functionRuntime, deliveryStore, volunteerStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { volunteerTasksRoute } from '@firstline/schemas';

const runtime = await functionRuntime('volunteer-tasks', [deliveryStore, volunteerStore]);

export const handler = httpRoute(runtime, {
  route: volunteerTasksRoute,
  targets: ({ params }) => ({ volunteer: [params.volunteerId] }),
  run: async ({ params }) => ({ status: 200, body: await volunteerTasks(runtime, params.volunteerId) }),
});
