import { startClose } from '@firstline/app';
import { functionRuntime, registryStore, closeRunStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { postCloseDayRoute } from '@firstline/schemas';

const runtime = await functionRuntime('post-close-day', [registryStore, closeRunStore]);

/** Starts the close and answers at once: a big district's close takes minutes, API Gateway waits 29 s. */
export const handler = httpRoute(runtime, {
  route: postCloseDayRoute,
  run: async ({ body }) => ({ status: 202, body: { ...(await startClose(runtime, { days: [body.date] })), done: false } }),
});
