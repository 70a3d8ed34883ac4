import { uploadRegistry } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'PUT /v1/registry',
  run: async ({ body }) => ({ status: 200, body: await uploadRegistry(runtime, body) }),
});
