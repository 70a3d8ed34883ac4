import { districtRuntime } from '@firstline/adapters';
import { closeDay } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { closePorts } from './close-day-ports.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/close-day',
  run: async ({ body }) => {
    const closed = await closeDay(body.date, closePorts(runtime));
    return { status: 200, body: { date: body.date, grids: closed.grids } };
  },
});
