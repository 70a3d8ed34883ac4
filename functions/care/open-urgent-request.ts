import { householdOfOpening, openUrgentRequest, placeAtGate, placeBuilding, placeResidentRequest } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, urgentRequestStore, careCountStore } from '@firstline/adapters';
import { ValidationError } from '@firstline/http';
import { httpRoute } from '@firstline/http/http-route';
import { openUrgentRequestRoute } from '@firstline/schemas';

const runtime = await functionRuntime('open-urgent-request', [registryStore, residentStore, urgentRequestStore, careCountStore]);

export const handler = httpRoute(runtime, {
  route: openUrgentRequestRoute,
  // A resident opens one for their own household only; a gate keeper at their gate, for a building
  // behind it; a grid worker for any of their grids'.
  load: async ({ body, principal }) => {
    const household = await householdOfOpening(runtime, body);
    if (principal.role === 'resident') return { household, ...(await placeResidentRequest(runtime, principal.scopes, { ...household, priority: 'medical' })) };
    if (principal.role === 'scanner' && body.checkpointId === undefined) {
      throw new ValidationError('a gate keeper names their gate', [{ path: 'checkpointId', message: 'the gate the need was raised at' }]);
    }
    const placement = body.checkpointId === undefined ? await placeBuilding(runtime, household.buildingId) : await placeAtGate(runtime, body.checkpointId, household.buildingId);
    return { household, ...placement };
  },
  targets: ({ body }, { gridId, personId }) => ({
    grid: [gridId], ...(personId === undefined ? {} : { person: [personId] }), ...(body.checkpointId === undefined ? {} : { checkpoint: [body.checkpointId] }),
  }),
  run: async ({ body: { requestId, kind, neededAt, note }, principal }, { gridId, household }) => ({
    status: 201, body: await openUrgentRequest(runtime, gridId, { requestId, ...household, kind, neededAt, note }, principal.subject),
  }),
});
