import { openUrgentRequest, placeBuilding, placeResidentRequest } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/urgent-requests',
  // A resident opens one for their own household only; a grid worker for any of their grids'.
  load: ({ body, principal }) => (principal.role === 'resident'
    ? placeResidentRequest(runtime, principal.scopes, { ...body, priority: 'medical' })
    : placeBuilding(runtime, body.buildingId)),
  targets: (_request, { gridId, personId }) => ({ grid: [gridId], ...(personId === undefined ? {} : { person: [personId] }) }),
  run: async ({ body, principal }, { gridId }) => ({ status: 201, body: await openUrgentRequest(runtime, gridId, body, principal.subject) }),
});
