import type { DistrictDay } from '../reporting/city-report.ts';
import type { ScanRecord } from '../intake/scan-types.ts';

/** The scans a route admitted, on their way to be recorded and counted. */
export interface ScanEventsQueue {
  publish(records: readonly ScanRecord[]): Promise<void>;
}

/** Asks the dispatcher to look at these grids' queues again (new work, or a volunteer with room). */
export interface DispatchQueue {
  request(gridIds: Iterable<string>): Promise<void>;
}

/** Where a district's closed days go for its city; absent for a district outside a city. */
export interface CityRollupQueue {
  send(days: readonly DistrictDay[]): Promise<void>;
}
