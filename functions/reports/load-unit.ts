import type { DistrictRuntime } from '@firstline/adapters';
import type { Level } from '@firstline/domain';
import { unitOf } from '@firstline/domain';
import { NotFoundError } from '@firstline/http';

/** The registry and the unit a report names (with the grids under it, for the scope check), or 404. */
export async function loadUnit(runtime: DistrictRuntime, level: Level, id: string) {
  const registry = (await runtime.registry.index())?.registry;
  const unit = registry && unitOf(registry, level, id);
  if (!registry || !unit) throw new NotFoundError(`no ${level} ${id}`);
  return { registry, unit };
}
