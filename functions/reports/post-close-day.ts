import { closeDistrictDay, districtRuntime } from '@firstline/adapters';
import { defaultPolicy } from '@firstline/domain';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/close-day',
  run: async ({ body }) => {
    const policy = (await runtime.registry.index())?.registry.district.policy ?? defaultPolicy;
    return { status: 200, body: await closeDistrictDay(runtime, body.date, policy) };
  },
});
