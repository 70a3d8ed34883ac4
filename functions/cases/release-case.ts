import { findCase, gridsOf, releaseCase } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, caseStore, snapshotStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { restrictionOf } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { releaseCaseRoute } from '@firstline/schemas';

// The province, when the stack has one: the case event goes upward through its queue.
const runtime = await withProvince(await functionRuntime('release-case', [registryStore, residentStore, caseStore, snapshotStore]));

export const handler = httpRoute(runtime, {
  route: releaseCaseRoute,
  load: ({ params, principal }) => findCase(runtime, params.caseId, gridsOf(restrictionOf(principal))),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ body, principal }, found) => ({ status: 200, body: await releaseCase(runtime, found, body.releasedAt, principal.subject) }),
});
