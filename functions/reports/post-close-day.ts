import { startClose } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

/** Starts the close and answers at once: a big district's close takes minutes, API Gateway waits 29 s. */
export const handler = httpRoute(runtime, {
  route: 'POST /v1/admin/close-day',
  run: async ({ body }) => ({ status: 202, body: { ...(await startClose(runtime, { days: [body.date] })), done: false } }),
});
