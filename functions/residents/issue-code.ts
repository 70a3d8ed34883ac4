import { findResident, issueCode } from '@firstline/app';
import { functionRuntime, residentStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { issueCodeRoute } from '@firstline/schemas';

const runtime = await functionRuntime('issue-code', [residentStore]);

export const handler = httpRoute(runtime, {
  route: issueCodeRoute,
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async (_request, resident) => ({ status: 200, body: await issueCode(runtime, resident) }),
});
