import { findResident, reportSelfTest } from '@firstline/app';
import { caseStore, functionRuntime, registryStore, residentStore, snapshotStore, testRoundStore } from '@firstline/adapters';
import { withProvince } from '@firstline/adapters/province';
import { httpRoute } from '@firstline/http/http-route';
import { postSelfTestRoute } from '@firstline/schemas';

const runtime = await withProvince(await functionRuntime('post-self-test', [registryStore, residentStore, testRoundStore, caseStore, snapshotStore]));

export const handler = httpRoute(runtime, {
  route: postSelfTestRoute,
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async ({ body, principal }, resident) => ({ status: 201, body: await reportSelfTest(runtime, resident, body, principal.subject) }),
});
