import { openUrgentRequest, placeAtGate, placeBuilding, placeResidentRequest } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/urgent-requests',
  // A resident opens one for their own household only; a gate keeper at their gate, for a building
  // behind it; a grid worker for any of their grids'.
  load: ({ body, principal }) => {
    if (principal.role === 'resident') return placeResidentRequest(runtime, principal.scopes, { ...body, priority: 'medical' });
    if (principal.role === 'scanner' && body.checkpointId === undefined) {
      throw new ValidationError('a gate keeper names their gate', [{ path: 'checkpointId', message: 'the gate the need was raised at' }]);
    }
    return body.checkpointId === undefined ? placeBuilding(runtime, body.buildingId) : placeAtGate(runtime, body.checkpointId, body.buildingId);
  },
  targets: ({ body }, { gridId, personId }) => ({
    grid: [gridId], ...(personId === undefined ? {} : { person: [personId] }), ...(body.checkpointId === undefined ? {} : { checkpoint: [body.checkpointId] }),
  }),
  run: async ({ body, principal }, { gridId }) => {
    const { checkpointId: _gate, ...opening } = body;
    return { status: 201, body: await openUrgentRequest(runtime, gridId, opening, principal.subject) };
  },
});
