import { daysBetween } from '@firstline/domain';
import type { CityPorts } from './city.ts';

/** The city's trend: each day's stored totals, without the district rows. */
export async function citySeries(ports: CityPorts, from: string, to: string) {
  const reports = await ports.store.reports(daysBetween(from, to));
  return { days: reports.map(({ children: _children, ...day }) => day) };
}
