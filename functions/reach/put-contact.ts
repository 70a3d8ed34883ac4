import { findResident, giveContact } from '@firstline/app';
import { contactStore, functionRuntime, phoneSealing, residentStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { putContactRoute } from '@firstline/schemas';

const runtime = await functionRuntime('put-contact', [residentStore, contactStore, phoneSealing]);

export const handler = httpRoute(runtime, {
  route: putContactRoute,
  load: ({ params }) => findResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId], person: [resident.personId] }),
  run: async ({ body, principal }, resident) => ({ status: 200, body: await giveContact(runtime, resident, body.phone, { subject: principal.subject, self: principal.role === 'resident' }) }),
});
