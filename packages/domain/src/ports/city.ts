import type { CityReport, DistrictDay } from '../reporting/city-report.ts';

/** The city table: per day, each district's latest close and the city's totals. */
export interface CityPort {
  /** Keeps the district's day unless a later close of it is stored; false if older. */
  saveDistrictDay(day: DistrictDay): Promise<boolean>;
  refreshTotals(date: string): Promise<CityReport>;
  report(date: string): Promise<CityReport>;
  reports(dates: readonly string[]): Promise<CityReport[]>;
}
