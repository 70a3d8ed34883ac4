import { approveRelease, findCase } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, caseStore, snapshotStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http/http-route';
import { approveCaseReleaseRoute } from '@firstline/schemas';

// The province, when the stack has one: the case event goes upward through its queue.
const runtime = await withProvince(await functionRuntime('approve-case-release', [registryStore, residentStore, caseStore, snapshotStore]));

export const handler = httpRoute(runtime, {
  route: approveCaseReleaseRoute,
  // An admin means any grid's case, or the grid it names when two grids chose the same id.
  load: ({ params, body }) => findCase(runtime, params.caseId, body.gridId === undefined ? undefined : [body.gridId]),
  targets: (_request, found) => ({ grid: [found.gridId] }),
  run: async ({ principal }, found) => ({ status: 200, body: await approveRelease(runtime, found, principal.subject) }),
});
