import type { CityPorts } from './city.ts';

/** One read: the day's totals item holds the district rows and their sums. */
export function cityDayReport(ports: CityPorts, date: string) {
  return ports.store.report(date);
}
