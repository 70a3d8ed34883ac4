import { closeRunStatus } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/admin/closes/{closeId}',
  run: async ({ params }) => ({ status: 200, body: await closeRunStatus(runtime, params.closeId) }),
});
