import type { Level } from '@firstline/domain';
import { epidemicFreeListing } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import { readGridDays } from './read-grid-days.ts';

/** Which grids, communities or streets are epidemic-free on a day, with their streaks. */
export async function epidemicFree(ports: DistrictPorts, level: Exclude<Level, 'district'>, date: string) {
  const { registry } = await requireRegistry(ports);
  const days = await readGridDays(ports, registry.grids.map((g) => g.id), date, registry.district.policy);
  return epidemicFreeListing(registry, level, days);
}
