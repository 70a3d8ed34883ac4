import { districtRuntime } from '@firstline/adapters';
import { closeDay, defaultPolicy } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { closePorts } from './close-day-ports.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/close-day',
  run: async ({ body }) => {
    const policy = (await runtime.registry.index())?.registry.district.policy ?? defaultPolicy;
    const closed = await closeDay(body.date, policy, closePorts(runtime));
    return { status: 200, body: { date: body.date, ...closed } };
  },
});
