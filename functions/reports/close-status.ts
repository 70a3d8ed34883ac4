import { closeRunStatus } from '@firstline/app';
import { functionRuntime, closeRunStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { closeStatusRoute } from '@firstline/schemas';

const runtime = await functionRuntime('close-status', [closeRunStore]);

export const handler = httpRoute(runtime, {
  route: closeStatusRoute,
  run: async ({ params }) => ({ status: 200, body: await closeRunStatus(runtime, params.closeId) }),
});
