import { closeDistrictDay } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/close-day',
  run: async ({ body }) => ({ status: 200, body: await closeDistrictDay(runtime, body.date) }),
});
