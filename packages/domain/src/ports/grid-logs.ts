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
}

export interface LogApproval {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
}

export interface GridLogPort {
  create(log: GridLog, hash: string): Promise<CreateOutcome>;
  get(logId: string): Promise<GridLog | undefined>;
  /** Keeps the first approval of a late log; returns the log as stored. */
  approve(logId: string, approval: LogApproval): Promise<GridLog>;
  /** The logs of a grid on a day: several a day add up. */
  of(gridId: string, date: string): Promise<GridLog[]>;
}
