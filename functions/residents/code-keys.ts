import { codeKeys } from '@firstline/app';
import { functionRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { codeKeysRoute } from '@firstline/schemas';

const runtime = await functionRuntime('code-keys', []);

export const handler = httpRoute(runtime, {
  route: codeKeysRoute,
  // A public key: nothing any scope restricts.
  targets: () => ({ unscoped: true }),
  run: async () => ({ status: 200, body: codeKeys(runtime) }),
});
