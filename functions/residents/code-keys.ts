import { codeKeys } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime('code-keys');

export const handler = httpRoute(runtime, {
  route: 'GET /v1/keys/codes',
  // A public key: nothing any scope restricts.
  targets: () => ({ unscoped: true }),
  run: async () => ({ status: 200, body: codeKeys(runtime) }),
});
