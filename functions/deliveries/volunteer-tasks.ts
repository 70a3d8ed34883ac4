import { districtRuntime } from '@firstline/adapters';
import { walkingOrder } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { deliveryView } from './delivery-view.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/volunteers/{volunteerId}/tasks',
  targets: ({ params }) => ({ volunteer: [params.volunteerId] }),
  run: async ({ params }) => {
    const tasks = await runtime.deliveries.tasksOf(params.volunteerId);
    return { status: 200, body: { volunteerId: params.volunteerId, tasks: walkingOrder(tasks).map(deliveryView) } };
  },
});
