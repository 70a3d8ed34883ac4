import * as z from 'zod';
import { districtRuntime } from '@firstline/adapters';
import { closeDay } from '@firstline/domain';
import { httpRoute } from '@firstline/http';
import { day } from '@firstline/schemas';
import { closePorts } from './close-day-ports.ts';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/close-day',
  body: z.strictObject({ date: day }),
  run: async ({ body }) => {
    const closed = await closeDay(body.date, closePorts(runtime));
    return { status: 200, body: { date: body.date, grids: closed.grids } };
  },
});
