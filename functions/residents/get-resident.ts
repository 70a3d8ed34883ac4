import { findResident, viewResident } from '@firstline/app';
import { functionRuntime, residentStore, scanStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { getResidentRoute } from '@firstline/schemas';

const runtime = await functionRuntime('get-resident', [residentStore, scanStore]);

export const handler = httpRoute(runtime, {
  route: getResidentRoute,
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async (_request, resident) => ({ status: 200, body: await viewResident(runtime, resident) }),
});
