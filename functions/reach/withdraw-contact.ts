import { findResident, withdrawContact } from '@firstline/app';
import { contactStore, functionRuntime, residentStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { withdrawContactRoute } from '@firstline/schemas';

const runtime = await functionRuntime('withdraw-contact', [residentStore, contactStore]);

export const handler = httpRoute(runtime, {
  route: withdrawContactRoute,
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async ({ principal }, resident) => ({ status: 200, body: await withdrawContact(runtime, resident, principal.subject) }),
});
