import type { LogFlag } from '../closing/log-flags.ts';
import type { CreateOutcome } from './storage.ts';

/** A grid worker's log of a day's work (API.md, Grid logs). */
export interface GridLog {
  readonly logId: string;
  readonly gridId: string;
  readonly date: string;
  readonly householdsVisited: number;
  readonly residentsScreened: number;
  readonly disinfectionRounds: number;
  readonly masksDistributed: number;
  readonly keyPersonsFound: number;
  readonly note?: string | undefined;
  readonly by: string;
  /** Server time the log arrived. */
  readonly receivedAt?: string | undefined;
  /** Arrived after its day's reporting deadline: counts for completeness, for certification only once approved. */
  readonly late?: boolean | undefined;
  /** An admin kept a late log for certification: who, when, why (DESIGN.md, reporting discipline). */
  readonly approval?: LogApproval | undefined;
  /** The validation rules the log breaks, decided when it arrived: kept and counted, to be checked. */
  readonly flags?: readonly LogFlag[] | undefined;
}

export interface LogApproval {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
}

/**
 * An admin's reopening of a grid's locked day (DESIGN.md, reporting discipline): logs for it are
 * taken until `until` (late, so they count for certification only once approved); who, when and
 * why are kept beside it.
 */
export interface Reopening {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
  readonly until: string;
}

/** A log is known by its id within its grid: ids are chosen by clients, and two grids may pick the same one. */
export type GridLogRef = Pick<GridLog, 'logId' | 'gridId'>;

export interface GridLogPort {
  create(log: GridLog, hash: string): Promise<CreateOutcome>;
  /** Every log under the id, one per grid that used it: normally one. */
  withId(logId: string): Promise<GridLog[]>;
  /** Keeps the first approval of a late log; returns the log as stored. */
  approve(ref: GridLogRef, approval: LogApproval): Promise<GridLog>;
  /** The logs of a grid on a day: several a day add up. */
  of(gridId: string, date: string): Promise<GridLog[]>;
  /** Keeps a reopening of a grid's day (the latest one rules; every one is kept in its history). */
  reopen(gridId: string, date: string, reopening: Reopening): Promise<void>;
  /** The latest reopening of a grid's day, if any. */
  reopening(gridId: string, date: string): Promise<Reopening | undefined>;
}
