import type { CareVisit, HouseholdNeedsRecord } from '../residents/household-needs.ts';

/** Vulnerable households' needs, by household, listed per grid. */
export interface HouseholdNeedsPort {
  saveNeeds(record: HouseholdNeedsRecord): Promise<void>;
  /** The needs of these households, for those that have any registered. */
  needsOf(householdIds: readonly string[]): Promise<Map<string, HouseholdNeedsRecord>>;
  /** Every household of the district with a schedule: dialysis sessions or recurring medicine. */
  withSchedules(): Promise<HouseholdNeedsRecord[]>;
  /** Every household of a grid with needs registered. */
  needsInGrid(gridId: string): Promise<HouseholdNeedsRecord[]>;
  /** Keeps a care visit as the household's latest unless a later one is kept; the record as stored. */
  recordVisit(householdId: string, visit: CareVisit): Promise<{ record: HouseholdNeedsRecord; kept: boolean }>;
}
