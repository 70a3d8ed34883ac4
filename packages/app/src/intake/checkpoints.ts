import type { RegistryIndex } from '@firstline/domain';
import { ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';

/** The registry, once every checkpoint an upload names is known to it (else a 400 naming each). */
export async function requireCheckpoints(ports: Pick<DistrictPorts, 'registry'>, scans: readonly { checkpointId: string }[]): Promise<RegistryIndex> {
  const registry = await requireRegistry(ports, (index) => scans.every((s) => index.gridOfCheckpoint(s.checkpointId)));
  const unknown = scans.flatMap((s, i) => (registry.gridOfCheckpoint(s.checkpointId) ? [] : [{ path: `scans.${i}.checkpointId`, message: `unknown checkpoint ${s.checkpointId}` }]));
  if (unknown.length > 0) throw new ValidationError('unknown checkpoint', unknown);
  return registry;
}
