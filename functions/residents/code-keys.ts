import { codeKeys } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'GET /v1/keys/codes',
  run: async () => ({ status: 200, body: codeKeys(runtime) }),
});
