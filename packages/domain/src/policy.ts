import type { HealthCodePolicy } from './health-codes/gate-policy.ts';

/** Per-district thresholds (API.md, Registry). Every rule in the domain reads them from here. */
export interface Policy {
  /** A temperature at or above this is a fever. */
  readonly feverC: number;
  /** Consecutive days without a new four-category person before a grid is epidemic-free. */
  readonly epidemicFreeDays: number;
  /** Disinfection rounds a grid needs on a day for its control measures to count as in place. */
  readonly minDisinfectionRounds: number;
  /** Closed-management pass quota: allowed `out` scans per household in a rolling window, or off. */
  readonly outings: { readonly perHousehold: number; readonly everyDays: number } | null;
  /** Days a scan record, a test sample or a self-test is kept before it expires. */
  readonly retentionDays: number;
  /**
   * The offline backlog window: how far in the past a time a client sends may lie (a gate that was
   * offline, a case entered after the fact). It is also the lock: a day wholly older than this takes
   * no more logs.
   */
  readonly backlogHours: number;
  /** Local time of day (`HH:MM`) by which a grid's daily log is due; a log after it is late. */
  readonly reportingDeadline: string;
  /** Outside the district (the city), counts of persons from 1 to this − 1 are shown as "<k" (small cells). */
  readonly smallCellK: number;
  /** A vulnerable household not visited or called for this many days is due a care visit. */
  readonly careVisitDays: number;
  /**
   * Grids one consumer of a close recounts (its shard). A grid of a Wuchang-sized district records
   * ~2,900 scans a day: 50 of them are ~145,000 records, a few minutes of one consumer.
   */
  readonly closeShardGrids: number;
  /**
   * Days a home or central quarantine lasts from the case's `reportedAt`. Nothing a grid worker
   * sends says when a quarantine ends (API.md's case has no end), so the work list of quarantines
   * ending derives it from this: 14 days, the incubation period the 2020 protocols used for both.
   */
  readonly quarantineDays: { readonly home: number; readonly central: number };
  /**
   * Which health codes the gates accept, in which order, and whether they answer provisionally
   * while the province cannot (`healthCodePolicy` fills in the rest); absent: Firstline's own code only.
   */
  readonly healthCodes?: Partial<HealthCodePolicy> | undefined;
}

export const defaultPolicy: Policy = {
  feverC: 37.3,
  epidemicFreeDays: 14,
  minDisinfectionRounds: 2,
  outings: null,
  retentionDays: 28,
  backlogHours: 72,
  reportingDeadline: '18:00',
  smallCellK: 3,
  careVisitDays: 7,
  closeShardGrids: 50,
  quarantineDays: { home: 14, central: 14 },
};

export function withDefaults(partial: Partial<Policy> | undefined): Policy {
  return { ...defaultPolicy, ...partial };
}
