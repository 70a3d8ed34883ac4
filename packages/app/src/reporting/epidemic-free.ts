import type { Level, RegistryIndex } from '@firstline/domain';
import { epidemicFreeListing } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import { readGridDays } from './read-grid-days.ts';
import { limitedReads, refuseFutureDay } from './report-cost.ts';

/** The registry, for the listing and its scope check: the listing covers every grid of the district. */
export function listingRegistry(ports: Pick<DistrictPorts, 'registry'>): Promise<RegistryIndex> {
  return requireRegistry(ports);
}

/**
 * Which grids, communities or streets are epidemic-free on a day, with their streaks. One day of
 * every grid: no day after today, and the reads of a day not closed go through the report limiter.
 */
export async function epidemicFree(ports: DistrictPorts, { registry }: RegistryIndex, level: Exclude<Level, 'district'>, date: string, now = new Date()) {
  refuseFutureDay(date, registry.district.timeZone, 'date', now);
  const days = await readGridDays(limitedReads(ports), registry.grids.map((g) => g.id), date, registry.district.policy);
  return epidemicFreeListing(registry, level, days);
}
