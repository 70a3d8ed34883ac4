import { districtRuntime } from '@firstline/adapters';
import type { Registry } from '@firstline/domain';
import { checkRegistry, mergeRegistry, withDefaults } from '@firstline/domain';
import { httpRoute, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'PUT /v1/registry',
  run: async ({ body }) => {
    if (body.district.id !== runtime.district) {
      throw new ValidationError('registry is for another district', [
        { path: 'district.id', message: `this stack serves district ${runtime.district}` },
      ]);
    }
    const stored = await runtime.registry.load();
    const upload: Registry = {
      ...body,
      district: {
        id: body.district.id,
        name: body.district.name,
        timeZone: body.district.timeZone ?? stored?.district.timeZone ?? runtime.config.timeZone,
        policy: withDefaults({ ...stored?.district.policy, ...body.district.policy }),
      },
    };
    const problems = checkRegistry(upload, stored);
    if (problems.length > 0) throw new ValidationError('registry refers to unknown or duplicate ids', problems);
    await runtime.registry.put(upload);
    const { streets, communities, grids, buildings, checkpoints } = mergeRegistry(stored, upload);
    const counts = {
      streets: streets.length, communities: communities.length, grids: grids.length,
      buildings: buildings.length, checkpoints: checkpoints.length,
    };
    return { status: 200, body: { counts } };
  },
});
