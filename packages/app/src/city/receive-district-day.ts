import type { DistrictDay } from '@firstline/domain';
import { ForbiddenError } from '@firstline/domain';
import type { CityPorts } from './city.ts';

/** Keeps a member district's latest close of a day (a redelivered or older close changes nothing). */
export async function receiveDistrictDay(ports: CityPorts, day: DistrictDay): Promise<void> {
  if (!ports.members.includes(day.districtId)) throw new ForbiddenError(`district ${day.districtId} is not a member of ${ports.id}`);
  await ports.store.saveDistrictDay(day);
}

/** The city's totals of every day a batch touched, recomputed from the district rows. */
export async function refreshCityDays(ports: CityPorts, dates: Iterable<string>): Promise<void> {
  for (const date of new Set(dates)) await ports.store.refreshTotals(date);
}
