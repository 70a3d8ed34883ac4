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
}

export interface GridLogPort {
  create(log: GridLog, hash: string): Promise<CreateOutcome>;
  /** The logs of a grid on a day: several a day add up. */
  of(gridId: string, date: string): Promise<GridLog[]>;
}
