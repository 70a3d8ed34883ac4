import { setVolunteerDuty } from '@firstline/app';
import { functionRuntime, registryStore, snapshotStore, deliveryStore, volunteerStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { volunteerDutyRoute } from '@firstline/schemas';

const runtime = await functionRuntime('volunteer-duty', [registryStore, snapshotStore, deliveryStore, volunteerStore]);

export const handler = httpRoute(runtime, {
  route: volunteerDutyRoute,
  targets: ({ params }) => ({ volunteer: [params.volunteerId] }),
  run: async ({ params, body }) => ({ status: 200, body: await setVolunteerDuty(runtime, params.volunteerId, body.onDuty) }),
});
