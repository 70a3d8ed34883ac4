import type { Registry } from '@firstline/domain';
import { checkRegistry, mergeRegistry, ValidationError, withDefaults } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

export type RegistryUpload = Omit<Registry, 'district'> & {
  readonly district: { readonly id: string; readonly name: string; readonly timeZone?: string | undefined; readonly policy?: Partial<Registry['district']['policy']> | undefined };
};

/**
 * Upserts the district hierarchy: time zone and policy kept from what is stored unless the upload
 * changes them, every parent id checked against the upload and the store (each problem named by
 * its field path); answers the counts of what is stored afterwards.
 */
export async function uploadRegistry(ports: Pick<DistrictPorts, 'district' | 'registry' | 'defaultTimeZone'>, body: RegistryUpload) {
  if (body.district.id !== ports.district) {
    throw new ValidationError('registry is for another district', [{ path: 'district.id', message: `this stack serves district ${ports.district}` }]);
  }
  const stored = await ports.registry.load();
  const upload: Registry = {
    ...body,
    district: {
      id: body.district.id,
      name: body.district.name,
      timeZone: body.district.timeZone ?? stored?.district.timeZone ?? ports.defaultTimeZone,
      policy: withDefaults({ ...stored?.district.policy, ...body.district.policy }),
    },
  };
  const problems = checkRegistry(upload, stored);
  if (problems.length > 0) throw new ValidationError('registry refers to unknown or duplicate ids', problems);
  await ports.registry.put(upload);
  const { streets, communities, grids, buildings, checkpoints } = mergeRegistry(stored, upload);
  return { counts: { streets: streets.length, communities: communities.length, grids: grids.length, buildings: buildings.length, checkpoints: checkpoints.length } };
}
