import { findResident, reportCase } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, caseStore, snapshotStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http/http-route';
import { postCaseRoute } from '@firstline/schemas';

// The province, when the stack has one: the case event goes upward through its queue.
const runtime = await withProvince(await functionRuntime('post-case', [registryStore, residentStore, caseStore, snapshotStore]));

export const handler = httpRoute(runtime, {
  route: postCaseRoute,
  load: ({ body }) => findResident(runtime, body.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async ({ body, principal }, resident) => ({ status: 201, body: await reportCase(runtime, body, resident, principal.subject) }),
});
