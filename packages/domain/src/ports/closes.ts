/**
 * A close fanned out: the district's grids cut into shards, each closed by its own consumer, the
 * day's roll-ups written once every shard is done (a 5.8M-scan day does not fit one Lambda).
 */
export interface CloseShard {
  readonly closeId: string;
  readonly shard: number;
  /** Closed in this order, each grid's day after day, so a streak always builds on its day before. */
  readonly days: readonly string[];
  readonly gridIds: readonly string[];
}

/** What a close has done so far, as `GET /v1/admin/closes/{closeId}` shows it. */
export interface CloseRun {
  readonly closeId: string;
  readonly days: readonly string[];
  readonly shards: number;
  readonly shardsDone: number;
  /** Later closed days whose streaks a shard wrote again: their roll-ups are written again too. */
  readonly revisedDays: readonly string[];
  /** Days closed by a second close started once this one is done (the nightly close's week before). */
  readonly then: readonly string[];
  readonly startedAt: string;
  readonly finishedAt?: string | undefined;
}

export interface CloseRunPort {
  /** Records a close about to start; a close already recorded under the id is left as it is. */
  start(run: Pick<CloseRun, 'closeId' | 'days' | 'shards' | 'then' | 'startedAt'>): Promise<void>;
  /** Counts a shard done (once, however often it is told) with the later days it revised; returns the run after. */
  shardDone(closeId: string, shard: number, revisedDays: readonly string[]): Promise<CloseRun>;
  finish(closeId: string, at: string): Promise<void>;
  get(closeId: string): Promise<CloseRun | undefined>;
}

/** Where a close's shards wait for their consumers. */
export interface CloseShardQueue {
  send(shards: readonly CloseShard[]): Promise<void>;
}
