import { districtRuntime } from '@firstline/adapters';
import { capacityTally, resetCapacityTally } from '@firstline/adapters/instrumentation';
import { closeDay } from '../../packages/app/src/closing/close-day.ts';
import { closePortsOf } from '../../packages/app/src/closing/close-district-day.ts';
import { packScans } from '../../packages/app/src/intake/pack-scans.ts';
import type { Policy, ScanRecord } from '@firstline/domain';
import { addDays, dayOf, eachLimited, localInstant, scanReadGroupOf } from '@firstline/domain';
import { skewedCheckpoint, type Table } from './bench-support.ts';
import type { DesignRun, Fixture, MixShape } from './cost.bench.ts';
import { costOf, floorOf, mixFixture, mixSummary, pricesRow, runDesign, writesPerScan } from './cost.bench.ts';
import { meterAws, prices } from './meters.ts';

/**
 * A district at the scale the design is for: 2,000 grids of 4 gates, the cost section's mix with
 * its busy main gate (one grid takes 20 % of the scans), counted as the cost section counts, over
 * one minute of the district's sustained 700 scans/s (42,000 scans, folded into the live counters
 * as one bucket, as the cloud's minute fold does); and a day's close over ~100k records, measured
 * and extrapolated to the 5.8M records of a district day. BENCH_DISTRICT_SCANS and
 * BENCH_DISTRICT_CLOSE_RECORDS override the sizes; BENCH_DISTRICT_NAIVE=0 leaves the naive design out.
 */
const shape: MixShape = { grids: 2_000, gates: 4, scans: Number(process.env['BENCH_DISTRICT_SCANS'] ?? 42_000) };
const closeRecords = Number(process.env['BENCH_DISTRICT_CLOSE_RECORDS'] ?? 100_000);
const withNaive = process.env['BENCH_DISTRICT_NAIVE'] !== '0';
const zone = 'Asia/Shanghai';

/** The cloud design's close: the district's grids in shards, each shard one consumer's invocation. */
const shardGrids = 50;
const maxConsumers = 20;
/** Records of a district day at full scale, and the measured close's unit. */
const dayRecords = 5_800_000;
const unit = 100_000;
/** Lambda's longest invocation: a shard's close must end within it. */
const lambdaLimitSeconds = 900;

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
const seconds = (n: number) => `${n.toFixed(1)} s`;

/**
 * A day of scan records as the aggregator writes them, spread over the gates like the mix (the
 * busy main gate's grid 20 %), between 06:00 and 22:00; 1 in 25 denied as unknown, 1 in 33 a fever.
 */
function recordsOfDay(f: Fixture, day: string, count: number): ScanRecord[] {
  const opens = localInstant(day, '06:00', zone).getTime();
  const step = (16 * 3_600_000) / count;
  return Array.from({ length: count }, (_, n) => {
    const checkpointId = skewedCheckpoint(f.checkpoints, n);
    const at = new Date(opens + Math.floor(n * step));
    const unknown = n % 25 === 3;
    const fever = !unknown && n % 33 === 5;
    return {
      scanId: `close-${n}`, checkpointId, gridId: f.gridOf.get(checkpointId)!, day, at: at.toISOString(),
      direction: n % 3 === 0 ? 'out' : 'in', temperatureC: fever ? 37.6 : 36.2 + (n % 9) / 10,
      verdict: unknown || fever ? 'deny' : 'allow', reason: unknown ? 'unknown-person' : fever ? 'fever' : 'ok', fever,
      personId: unknown ? null : f.people[(n * 7) % f.people.length]!.personId,
      expiresAt: Math.floor(at.getTime() / 1000) + 28 * 86_400,
    };
  });
}

interface Close {
  readonly grids: number;
  readonly records: number;
  /** Scans the snapshots counted: equal to `records` when the close is exact. */
  readonly counted: number;
  readonly seconds: number;
  readonly readUnits: number;
  readonly readRequests: number;
  readonly writeUnits: number;
}

/** Closes the day for these grids with the app's use case, as one shard's consumer would. */
async function timeClose(day: string, gridIds: readonly string[], policy: Policy, recordsPerGrid: ReadonlyMap<string, number>): Promise<Close> {
  const ports = await districtRuntime();
  resetCapacityTally();
  const started = performance.now();
  const closed = await closeDay(day, { policy }, closePortsOf(ports, gridIds, zone, new Date()));
  const elapsed = (performance.now() - started) / 1000;
  return {
    grids: closed.grids,
    records: gridIds.reduce((s, g) => s + (recordsPerGrid.get(g) ?? 0), 0),
    counted: closed.snapshots.reduce((s, snap) => s + (snap.scans['in'] ?? 0) + (snap.scans['out'] ?? 0), 0),
    seconds: elapsed,
    readUnits: capacityTally.readUnits,
    readRequests: capacityTally.readRequests,
    writeUnits: capacityTally.writeUnits,
  };
}

const perUnit = (c: Close, n: number) => (n * unit) / c.records;

function mixRows(rows: Table, ours: DesignRun, naive: DesignRun | undefined): void {
  rows.push([
    `mix: ${ours.scans} scans (${ours.uploads} uploaded, ${ours.apiRequests} requests), ${shape.grids} grids of ${shape.gates} gates`,
    `busiest grid ${pct(ours.busiestGrid.share)}`,
    `count: ${ours.busiestGrid.id} takes its main gate's 20 % and its share of the rest; 80 % live single scans, 20 % offline batches of 100, 20 % duplicate uploads`,
  ]);
  const w = writesPerScan(ours);
  rows.push(['write units per scan, by kind', `${w.total.toFixed(2)} WU`, `count: claim ${w.claim.toFixed(2)} + record ${w.record.toFixed(2)} + counters ${w.counter.toFixed(2)} + other ${w.other.toFixed(2)}`]);
  for (const r of mixSummary(ours, naive)) {
    const goal = r.goal === undefined ? '' : `; goal ${r.goal} ${r.ok ? 'met' : 'missed'}`;
    rows.push([r.what, r.figure, `${r.detail}${goal}`]);
  }
  if (!naive) rows.push(['naive design', 'not run', 'BENCH_DISTRICT_NAIVE=0']);
  const floor = costOf(floorOf(ours));
  rows.push(['cost per million scans, ours: parts', `$${costOf(ours).total.toFixed(2)}`, Object.entries(costOf(ours).parts).map(([k, v]) => `${k} $${v.toFixed(2)} (floor $${floor.parts[k as keyof typeof floor.parts].toFixed(2)})`).join(', ')]);
}

function closeRows(rows: Table, written: { records: number; seconds: number }, all: Close, shard: Close, hot: Close, hotShard: string): void {
  const exact = [all, shard, hot].every((c) => c.counted === c.records) ? 'snapshots count every record' : 'SNAPSHOTS MISS RECORDS';
  const measured = (what: string, c: Close) => [
    `close per 100k records, ${what}`,
    `${seconds(perUnit(c, c.seconds))}, ${perUnit(c, c.readUnits).toFixed(0)} RU`,
    `timing and count: ${c.records} records over ${c.grids} grids closed in ${seconds(c.seconds)} (closeDay, 16 grids at once), ${c.readUnits.toFixed(0)} RU in ${c.readRequests} reads (${(c.readRequests / c.grids).toFixed(1)} a grid), ${c.writeUnits.toFixed(0)} WU`,
  ] as Table[number];
  const shards = shape.grids / shardGrids;
  const waves = Math.ceil(shards / maxConsumers);
  const scale = dayRecords / all.records;
  // A shard reads its read group's partition whole: its time and reads grow with the day, not with its own grids' records.
  const shardSeconds = shard.seconds * scale;
  const hotSeconds = hot.seconds * scale;
  const hotShare = hot.records / all.records;
  const dayClose = Math.max(hotSeconds, waves * shardSeconds);
  const readUnits = (shard.readUnits * (shards - 1) + hot.readUnits) * scale;
  rows.push(
    [`day of records written`, `${written.records} records`, `packed as the aggregator packs them (packScans, batches of 100, 8 at once) in ${seconds(written.seconds)}; ${exact}`],
    measured(`all ${all.grids} grids`, all),
    measured(`one shard of ${shard.grids} grids (${shard.records} records)`, shard),
    measured(`the busiest shard (${hotShard}, ${pct(hotShare)} of the records)`, hot),
    [`close of ${(dayRecords / 1e6).toFixed(1)}M records, one shard`, `${seconds(shardSeconds)}`, `its measured time × ${scale.toFixed(0)}: it reads its grids' read group (a quarter of the day's packs) whatever its own records`],
    [`close of ${(dayRecords / 1e6).toFixed(1)}M records, the busiest shard`, `${seconds(hotSeconds)}`,
      `its measured time × ${scale.toFixed(0)} (${(hotShare * dayRecords / 1e6).toFixed(2)}M records of its own), one consumer${hotSeconds > lambdaLimitSeconds ? `; OVER Lambda's ${lambdaLimitSeconds} s limit` : ''}`],
    [`close of ${(dayRecords / 1e6).toFixed(1)}M records, extrapolated`, `${seconds(dayClose)}`,
      `${shards} shards of ${shardGrids} grids (grids of one read group together), ${maxConsumers} consumers at once: ${waves} waves of a shard's time, or the busiest shard's if longer`],
    [`close of ${(dayRecords / 1e6).toFixed(1)}M records, read units`, `${(readUnits / 1e6).toFixed(2)}M RU`,
      `every shard's measured reads × ${scale.toFixed(0)}: $${((readUnits / 1e6) * prices.dynamoPerMillionReadUnits).toFixed(2)} a day at $${prices.dynamoPerMillionReadUnits}/M RRU`],
  );
}

export async function districtBenchmark(rows: Table): Promise<void> {
  process.env['FIRSTLINE_METER_CAPACITY'] = '1';
  meterAws();
  const f = await mixFixture(shape);
  const ours = await runDesign(f, 'ours');
  // The naive design's pollers take the same queue once ours has drained and stopped.
  const naive = withNaive ? await runDesign(f, 'naive') : undefined;
  mixRows(rows, ours, naive);

  // A day the mix did not touch (it scans now and two hours ago), closed as the nightly close would.
  const day = addDays(dayOf(new Date(), zone), -3);
  const records = recordsOfDay(f, day, closeRecords);
  const ports = await districtRuntime();
  const started = performance.now();
  // Packed as the aggregator packs them: in batches of 100 live scans, each batch marked counted.
  await eachLimited(Array.from({ length: Math.ceil(records.length / 100) }, (_, i) => records.slice(i * 100, (i + 1) * 100)), 8, async (batch) => {
    await ports.scanCounts.markCounted(await packScans(ports, batch, ports.config.liveFold));
  });
  const written = { records: records.length, seconds: (performance.now() - started) / 1000 };
  const perGrid = new Map<string, number>();
  for (const r of records) perGrid.set(r.gridId, (perGrid.get(r.gridId) ?? 0) + 1);
  const policy = (await ports.registry.load())!.district.policy;
  // The close's shards as `startClose` cuts them: grids of one read group together.
  const ordered = [...f.gridIds].sort((a, b) => scanReadGroupOf(a) - scanReadGroupOf(b));
  const shardOf = (g: string) => Math.floor(ordered.indexOf(g) / shardGrids);
  const hotIndex = shardOf(ours.busiestGrid.id);
  const shardIds = (i: number) => ordered.slice(i * shardGrids, (i + 1) * shardGrids);
  const all = await timeClose(day, f.gridIds, policy, perGrid);
  const shard = await timeClose(day, shardIds(hotIndex === 1 ? 2 : 1), policy, perGrid);
  const hotGrids = shardIds(hotIndex);
  const hot = await timeClose(day, hotGrids, policy, perGrid);
  closeRows(rows, written, all, shard, hot, `${hotGrids[0]}–${hotGrids.at(-1)}`);
  rows.push(pricesRow);
  await f.stack.stop();
  if (ours.counted !== ours.scans || (naive && naive.counted !== naive.scans) || all.counted !== all.records) process.exitCode = 1;
}
