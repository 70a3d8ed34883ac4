import type { CloseRun, CloseShard } from '@firstline/domain';
import { dayOf, NotFoundError, scanReadGroupOf, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import { closeDay } from './close-day.ts';
import { closePortsOf, rollUpDay } from './close-district-day.ts';

export interface StartClose {
  /** Closed in this order for every grid. */
  readonly days: readonly string[];
  /** Days a second close takes on once this one is done. */
  readonly then?: readonly string[];
  /** Fixed by a caller that may start the same close twice (the nightly schedule); new otherwise. */
  readonly closeId?: string;
}

/**
 * Starts a close: the run recorded, then one message per shard of grids. Answers before any grid
 * is closed; the consumers (`closeShard`) do the work in parallel. Starting a close again (a
 * retried request, a scheduler firing twice) closes again, which writes the same snapshots.
 */
export async function startClose(ports: DistrictPorts, { days, then = [], closeId = crypto.randomUUID() }: StartClose, now = new Date()): Promise<CloseRun> {
  const { district, grids } = (await requireRegistry(ports)).registry;
  const today = dayOf(now, district.timeZone);
  const future = days.find((d) => d > today);
  // Today may be closed (and is closed again at midnight, its later events marking it not final); a day to come has nothing to close.
  if (future) throw new ValidationError('a day to come cannot be closed', [{ path: 'date', message: `${future} is after today (${today}) in the district` }]);
  const size = district.policy.closeShardGrids;
  // Grids whose scans are read together stay together: a shard reads one or two packs' partitions a day, not all.
  const gridIds = grids.map((g) => g.id).sort((a, b) => scanReadGroupOf(a) - scanReadGroupOf(b));
  const shards: CloseShard[] = [];
  for (let i = 0; i === 0 || i * size < gridIds.length; i++) {
    shards.push({ closeId, shard: i, days, gridIds: gridIds.slice(i * size, (i + 1) * size) });
  }
  const run = { closeId, days, shards: shards.length, then, startedAt: now.toISOString() };
  await ports.closeRuns.start(run);
  await ports.closeShards.send(shards);
  return { ...run, shardsDone: 0, revisedDays: [] };
}

/**
 * The `close-shards` consumer: the shard's grids closed day by day, the shard counted done, and,
 * once every shard is, the roll-ups of the days closed and of the later days whose streaks changed,
 * then the close that was to follow. A crash anywhere leaves the message to come back: closing,
 * counting a shard and rolling up are each idempotent.
 */
export async function closeShard(ports: DistrictPorts, shard: CloseShard, now = new Date()) {
  const registry = (await requireRegistry(ports)).registry;
  const { policy, timeZone } = registry.district;
  const revised = new Set<string>();
  for (const day of shard.days) {
    const closed = await closeDay(day, { policy }, closePortsOf(ports, shard.gridIds, timeZone, now));
    for (const later of closed.revisedDays) revised.add(later);
  }
  const run = await ports.closeRuns.shardDone(shard.closeId, shard.shard, [...revised]);
  if (run.shardsDone < run.shards || run.finishedAt) return { closeId: run.closeId, shard: shard.shard, finished: false };
  for (const day of [...new Set([...run.days, ...run.revisedDays])].sort()) await rollUpDay(ports, registry, day);
  if (run.then.length > 0) await startClose(ports, { days: run.then, closeId: `${run.closeId}.then` }, now);
  await ports.closeRuns.finish(run.closeId, new Date().toISOString());
  return { closeId: run.closeId, shard: shard.shard, finished: true };
}

export async function closeRunStatus(ports: Pick<DistrictPorts, 'closeRuns'>, closeId: string) {
  const run = await ports.closeRuns.get(closeId);
  if (!run) throw new NotFoundError(`no close ${closeId}`);
  return { ...run, done: run.finishedAt !== undefined };
}
