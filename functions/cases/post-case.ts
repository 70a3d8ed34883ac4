import { findResident, reportCase } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http';

// The province, when the stack has one: the case event goes upward through its queue.
const runtime = await withProvince(await districtRuntime());

export const handler = httpRoute(runtime, {
  route: 'POST /v1/cases',
  load: ({ body }) => findResident(runtime, body.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async ({ body, principal }, resident) => ({ status: 201, body: await reportCase(runtime, body, resident, principal.subject) }),
});
