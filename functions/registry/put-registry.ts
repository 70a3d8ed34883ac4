import { uploadRegistry } from '@firstline/app';
import { functionRuntime, registryStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { putRegistryRoute } from '@firstline/schemas';

const runtime = await functionRuntime('put-registry', [registryStore]);

export const handler = httpRoute(runtime, {
  route: putRegistryRoute,
  run: async ({ body }) => ({ status: 200, body: await uploadRegistry(runtime, body) }),
});
