import { findResident, reportCase } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/cases',
  load: ({ body }) => findResident(runtime, body.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async ({ body, principal }, resident) => ({ status: 201, body: await reportCase(runtime, body, resident, principal.subject) }),
});
