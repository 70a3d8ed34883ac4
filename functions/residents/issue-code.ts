import { findResident, issueCode } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime('issue-code');

export const handler = httpRoute(runtime, {
  route: 'GET /v1/residents/{personId}/code',
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async (_request, resident) => ({ status: 200, body: await issueCode(runtime, resident) }),
});
