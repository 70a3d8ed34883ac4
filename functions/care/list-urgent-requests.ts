import { listOpenUrgentRequests } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/urgent-requests',
  targets: ({ query }) => ({ grid: [query.gridId] }),
  run: async ({ query }) => ({ status: 200, body: await listOpenUrgentRequests(runtime, query.gridId) }),
});
