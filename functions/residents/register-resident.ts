import { districtRuntime } from '@firstline/adapters';
import { maskName, maskPhone } from '@firstline/domain';
import { ConflictError, httpRoute, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/residents',
  load: async ({ body }) => {
    const gridId = (await runtime.registry.index())?.gridOfBuilding(body.buildingId);
    if (!gridId) throw new ValidationError('unknown building', [{ path: 'buildingId', message: `unknown building ${body.buildingId}` }]);
    return gridId;
  },
  targets: (_request, gridId) => ({ grid: [gridId] }),
  run: async ({ body }, gridId) => {
    const { idNumber, name, phone, buildingId, householdId } = body;
    const resident = {
      personId: runtime.pseudonyms.personId(idNumber),
      nameMasked: maskName(name),
      phoneMasked: maskPhone(phone),
      buildingId,
      gridId,
      householdId,
      codeColor: 'green' as const,
      status: 'none' as const,
    };
    const fingerprint = runtime.pseudonyms.fingerprint([idNumber.toUpperCase(), name, phone, buildingId, householdId]);
    const outcome = await runtime.residents.register(resident, fingerprint);
    if (outcome === 'conflict') throw new ConflictError('this person is already registered with other details');
    const { personId, nameMasked, phoneMasked } = resident;
    return { status: 201, body: { personId, nameMasked, phoneMasked, buildingId, gridId, householdId } };
  },
});
