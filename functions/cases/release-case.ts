import { findCase, gridsOf, releaseCase } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute, restrictionOf } from '@firstline/http';

// The province, when the stack has one: the case event goes upward through its queue.
const runtime = await withProvince(await districtRuntime());

export const handler = httpRoute(runtime, {
  route: 'POST /v1/cases/{caseId}/release',
  load: ({ params, principal }) => findCase(runtime, params.caseId, gridsOf(restrictionOf(principal))),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ body, principal }, found) => ({ status: 200, body: await releaseCase(runtime, found, body.releasedAt, principal.subject) }),
});
