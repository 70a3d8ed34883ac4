import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CodeSigner } from '@firstline/adapters';
import { getAll } from '@firstline/adapters/dynamodb/batch-get';
import { capacityTally, resetCapacityTally } from '@firstline/adapters/instrumentation';
import { dayOf } from '@firstline/domain';
import type { FunctionSpec } from '@firstline/service';
import { findFunction } from '@firstline/service';
import { invoke } from '@firstline/local/handlers';
import { QueuePoller } from '@firstline/local/pollers';
import type { LocalStack } from '@firstline/local/stack';
import { queueStatus } from '@firstline/local/status';
import { benchDistrict, foldRun, scanRequestEvent, skewedCheckpoint, type Table } from './bench-support.ts';
import type { Summary, SummaryRow } from './summary.ts';
import {
  invocationTally, mean, meterAws, percentile, prices, resetInvocationTallies, resetSqsTally, resetWriteTally, sqsTally, writeTally,
} from './meters.ts';

const district = 'demo';
const zone = 'Asia/Shanghai';
/** Share of scans that arrive in offline batches of 100; every 5th upload is sent twice. */
const offlineShare = 0.2;
const offlineBatch = 100;
const duplicateEvery = 5;
/** Gates uploading at once (the verdict route's containers: up to 8 locally). */
const clients = 8;

/** The district a mix runs in and its size: scans a phase sends, before duplicates. */
export interface MixShape {
  readonly grids: number;
  readonly gates: number;
  readonly scans: number;
}

/** The cost section's: 50 grids of 4 gates; BENCH_COST_SCANS overrides the scans. */
const costShape: MixShape = { grids: 50, gates: 4, scans: Number(process.env['BENCH_COST_SCANS'] ?? 5_000) };

/** The counted figures of one design's run over the mix. Counts unless named a timing. */
export interface DesignRun {
  readonly scans: number;
  /** The grid most scans went to, and its share of the scans sent (duplicates not counted). */
  readonly busiestGrid: { readonly id: string; readonly share: number };
  readonly uploads: number;
  readonly apiRequests: number;
  readonly apiBilled: number;
  readonly invocations: Record<string, number>;
  readonly gbSeconds: number;
  readonly gbByFunction: Record<string, number>;
  readonly sqsBilled: number;
  readonly sqsBreakdown: { send: number; receive: number; delete: number; emptyReceives: number };
  readonly writeUnits: number;
  readonly writeByKind: Record<string, { requests: number; units: number }>;
  readonly readUnits: number;
  /** Timings. */
  readonly acceptedSeconds: number;
  readonly drainedSeconds: number;
  readonly durations: Record<string, { p50: number; mean: number; p95: number }>;
  readonly counted: number;
}

export function costOf(run: Pick<DesignRun, 'apiBilled' | 'invocations' | 'gbSeconds' | 'sqsBilled' | 'writeUnits' | 'readUnits' | 'scans'>) {
  const perMillion = 1e6 / run.scans;
  const lambdaRequests = Object.values(run.invocations).reduce((a, b) => a + b, 0);
  const parts = {
    'HTTP API': (run.apiBilled / 1e6) * prices.httpApiPerMillionRequests * perMillion,
    'Lambda requests': (lambdaRequests / 1e6) * prices.lambdaPerMillionRequests * perMillion,
    'Lambda GB-s': run.gbSeconds * prices.lambdaPerGbSecond * perMillion,
    SQS: (run.sqsBilled / 1e6) * prices.sqsPerMillionRequests * perMillion,
    'DynamoDB writes': (run.writeUnits / 1e6) * prices.dynamoPerMillionWriteUnits * perMillion,
    'DynamoDB reads': (run.readUnits / 1e6) * prices.dynamoPerMillionReadUnits * perMillion,
  };
  return { parts, total: Object.values(parts).reduce((a, b) => a + b, 0) };
}

// Each gate device has its own token (subject): the ID-lookup budgets are per device and checkpoint.
const apiEvent = (scans: readonly ScanBody[], scopes: string[]) => scanRequestEvent(district, { scans }, scopes, `gate-${scans[0]!.checkpointId}`);

export interface Fixture {
  readonly stack: LocalStack;
  readonly scans: number;
  readonly checkpoints: string[];
  /** Each checkpoint's grid. */
  readonly gridOf: ReadonlyMap<string, string>;
  readonly gridIds: string[];
  readonly codes: CodeSigner;
  readonly people: { idNumber: string; personId: string }[];
  readonly queueArn: string;
}

/** The district of `shape` with 1,000 residents, ready for `runDesign`. */
export async function mixFixture(shape: MixShape): Promise<Fixture> {
  const { stack, registry, codes, people } = await benchDistrict(district, 1_000, shape.grids, shape.gates);
  const arn = await stack.emulators.sqs.send(new GetQueueAttributesCommand({ QueueUrl: stack.resources.queueUrls['scan-events']!, AttributeNames: ['QueueArn'] }));
  return {
    stack,
    scans: shape.scans,
    checkpoints: registry.checkpoints.map((c) => c.id),
    gridOf: new Map(registry.checkpoints.map((c) => [c.id, c.gridId])),
    gridIds: registry.grids.map((g) => g.id),
    codes,
    people,
    queueArn: arn.Attributes!.QueueArn!,
  };
}

type ScanBody = Record<string, unknown>;

/**
 * The mix: 80 % live scans (one a request, now), 20 % offline backlogs of 100 from one gate
 * (scanned within the last two hours); half health codes, half ID cards; 1 in 25 an unregistered
 * ID (denied), 1 in 33 a fever (denied, flagged). Uploads are shuffled, and every 5th upload is
 * sent again ~40 uploads later (a gate retrying after a lost answer): 20 % duplicate uploads.
 * `single` sends every scan in its own request (the naive design).
 */
async function mix(f: Fixture, phase: string, single: boolean): Promise<ScanBody[][]> {
  const now = Date.now();
  const scan = async (n: number, checkpointId: string, at: Date): Promise<ScanBody> => {
    const person = f.people[(n * 7) % f.people.length]!;
    // An ID card nobody registered: a visitor now and then (a gate's lookup budget is a few a minute).
    const unknown = n % 250 === 3;
    const code = n % 2 === 0 && !unknown;
    return {
      scanId: `${phase}-${n}`, checkpointId, direction: n % 3 === 0 ? 'out' : 'in',
      temperatureC: n % 33 === 5 ? 37.6 : 36.2 + (n % 9) / 10, scannedAt: at.toISOString(),
      ...(code
        ? { code: (await f.codes.issue(person.personId, 'green', at)).code }
        : { idNumber: unknown ? `11010119000101${String(n % 9999).padStart(4, '0')}` : person.idNumber }),
    };
  };
  const offline = Math.round(f.scans * offlineShare / offlineBatch);
  const live = f.scans - offline * offlineBatch;
  const uploads: ScanBody[][] = [];
  for (let n = 0; n < live; n++) uploads.push([await scan(n, skewedCheckpoint(f.checkpoints, n), new Date(now))]);
  for (let b = 0; b < offline; b++) {
    const gate = skewedCheckpoint(f.checkpoints, live + b * 7);
    const batch: ScanBody[] = [];
    for (let i = 0; i < offlineBatch; i++) {
      const n = live + b * offlineBatch + i;
      batch.push(await scan(n, gate, new Date(now - 7_200_000 + i * 60_000)));
    }
    uploads.push(...(single ? batch.map((s) => [s]) : [batch]));
  }
  // Deterministic shuffle, so both designs see the same order of gates and backlogs.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = uploads.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [uploads[i], uploads[j]] = [uploads[j]!, uploads[i]!];
  }
  // Duplicates: the offline batches and the live scans each repeated one in five.
  const withRepeats: ScanBody[][] = [];
  const pending: [number, ScanBody[]][] = [];
  let liveSeen = 0;
  let batchSeen = 0;
  uploads.forEach((upload, i) => {
    withRepeats.push(upload);
    const isBatch = !single ? upload.length > 1 : Number(String(upload[0]!['scanId']).split('-').at(-1)) >= live;
    const nth = isBatch ? batchSeen++ : liveSeen++;
    if (nth % duplicateEvery === duplicateEvery - 1) pending.push([i + 40, upload]);
    while (pending.length > 0 && pending[0]![0] <= i) withRepeats.push(pending.shift()![1]);
  });
  withRepeats.push(...pending.map(([, u]) => u));
  return withRepeats;
}

function spec(name: string, entry: string, base: FunctionSpec, trigger?: FunctionSpec['trigger']): FunctionSpec {
  return { ...base, name, entry, ...(trigger ? { trigger } : {}) };
}

async function untilDrained(stack: LocalStack): Promise<void> {
  for (let quiet = 0; quiet < 3;) {
    const q = (await queueStatus(stack.emulators.sqs, stack.resources))['scan-events']!;
    if (q.deadLettered > 0) throw new Error(`${q.deadLettered} scan messages dead-lettered`);
    quiet = q.visible + q.inFlight === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Counts the scans a design's counters hold, over every grid and day touched (batch reads: a district has 2,000 grids). */
async function countedScans(f: Fixture, prefix: string): Promise<number> {
  const documents = DynamoDBDocumentClient.from(f.stack.emulators.dynamodb);
  const days = [...new Set([dayOf(new Date(), zone), dayOf(new Date(Date.now() - 7_200_000), zone)])];
  const keys = f.gridIds.flatMap((grid) => days.map((day) => ({ pk: `${prefix}${grid}`, sk: day })));
  const items = await getAll(documents, f.stack.resources.tables.stats!, keys);
  return items.reduce((total, item) => total + Number(item['in'] ?? 0) + Number(item['out'] ?? 0), 0);
}

/** The grid the most distinct scans of the uploads went to, and its share. */
function busiestGrid(f: Fixture, uploads: readonly ScanBody[][]): DesignRun['busiestGrid'] {
  const gridOfScan = new Map(uploads.flat().map((s) => [s['scanId'], f.gridOf.get(String(s['checkpointId']))!]));
  const perGrid = new Map<string, number>();
  for (const grid of gridOfScan.values()) perGrid.set(grid, (perGrid.get(grid) ?? 0) + 1);
  const [id, n] = [...perGrid].sort((a, b) => b[1] - a[1])[0]!;
  return { id, share: n / gridOfScan.size };
}

/** Runs the mix through one design on the fixture's stack, counting from after its warm-up until the queue is drained. */
export async function runDesign(f: Fixture, design: 'ours' | 'naive'): Promise<DesignRun> {
  const naive = design === 'naive';
  const uploads = await mix(f, design, naive);
  const route = spec('post-scans', 'test/bench/handlers/post-scans.ts', findFunction('post-scans'));
  const aggregator = findFunction('scan-aggregator');
  const consumer = naive
    ? spec('naive-aggregator', 'test/bench/handlers/naive-aggregator.ts', aggregator, { queue: 'scan-events', batchSize: 1, maxBatchingWindowSeconds: 0 })
    : spec('scan-aggregator', 'test/bench/handlers/scan-aggregator.ts', aggregator);
  const poller = new QueuePoller(consumer, {
    sqs: f.stack.emulators.sqs, district, queueUrl: f.stack.resources.queueUrls['scan-events']!, queueArn: f.queueArn,
    // Lambda scales a batch-size-1 consumer out further than a batching one; locally both share two cores.
    concurrency: naive ? 4 : 2,
  });
  // Warm the verdict route's containers (cold starts are the bundles section's business).
  await Promise.all(Array.from({ length: clients }, (_, i) => invoke(route, district, apiEvent([{
    // An unknown checkpoint: the container loads and answers 400, and nothing is counted.
    scanId: `${design}-warm-${i}`, checkpointId: 'warm-up', idNumber: f.people[i]!.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString(),
  }], f.checkpoints))));
  poller.start();
  await untilDrained(f.stack);

  resetCapacityTally();
  resetSqsTally();
  resetWriteTally();
  resetInvocationTallies();
  let apiBilled = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < uploads.length) {
      const event = apiEvent(uploads[next++]!, f.checkpoints);
      apiBilled += Math.max(1, Math.ceil(Buffer.byteLength(event.body) / prices.httpApiRequestBytes));
      const result = (await invoke(route, district, event)) as { statusCode: number; body: string };
      if (result.statusCode !== 200) throw new Error(`post-scans answered ${result.statusCode}: ${result.body}`);
    }
  }));
  const acceptedSeconds = (performance.now() - started) / 1000;
  await untilDrained(f.stack);
  const drainedSeconds = (performance.now() - started) / 1000;
  await poller.stop();
  // Ours counts live through the minute fold: the run is one bucket, folded once (its writes are counted).
  if (!naive) await foldRun();

  const names = ['post-scans', consumer.name];
  const kinds = [...new Set([...Object.keys(writeTally.requests), ...Object.keys(writeTally.units)])];
  const timing = (name: string) => {
    const d = invocationTally(name).durations;
    return { p50: percentile(d, 50), mean: mean(d), p95: percentile(d, 95) };
  };
  return {
    scans: f.scans,
    busiestGrid: busiestGrid(f, uploads),
    uploads: uploads.reduce((s, u) => s + u.length, 0),
    apiRequests: invocationTally('post-scans').count,
    apiBilled,
    invocations: Object.fromEntries(names.map((n) => [n, invocationTally(n).count])),
    gbSeconds: names.reduce((s, n) => s + invocationTally(n).gbSeconds, 0),
    gbByFunction: Object.fromEntries(names.map((n) => [n, invocationTally(n).gbSeconds])),
    sqsBilled: sqsTally.billedSend + sqsTally.billedReceive + sqsTally.billedDelete,
    sqsBreakdown: { send: sqsTally.billedSend, receive: sqsTally.billedReceive, delete: sqsTally.billedDelete, emptyReceives: sqsTally.emptyReceives },
    writeUnits: capacityTally.writeUnits,
    writeByKind: Object.fromEntries(kinds.map((k) => [k, { requests: writeTally.requests[k] ?? 0, units: writeTally.units[k] ?? 0 }])),
    readUnits: capacityTally.readUnits,
    acceptedSeconds,
    drainedSeconds,
    durations: Object.fromEntries(names.map((n) => [n, timing(n)])),
    counted: await countedScans(f, naive ? 'NAIVE#' : 'SCANS#'),
  };
}

/**
 * The floor for the same mix: every upload is one API request and one invocation of the verdict
 * (taking as long as ours measured: the verdict is the same work), and every scan one write of its
 * record; nothing else (no reads, no queue, no counters, no second function).
 */
export function floorOf(ours: DesignRun): DesignRun {
  return {
    ...ours,
    invocations: { 'post-scans': ours.apiRequests },
    gbSeconds: ours.gbByFunction['post-scans']!,
    gbByFunction: { 'post-scans': ours.gbByFunction['post-scans']! },
    sqsBilled: 0,
    sqsBreakdown: { send: 0, receive: 0, delete: 0, emptyReceives: 0 },
    writeUnits: ours.scans,
    writeByKind: { record: { requests: ours.scans, units: ours.scans } },
    readUnits: 0,
  };
}

const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);
const usd = (n: number) => `$${n.toFixed(2)}`;
const per = (run: DesignRun, n: number) => n / run.scans;
const invocationsOf = (run: DesignRun) => Object.values(run.invocations).reduce((a, b) => a + b, 0);
const counterWrites = (run: DesignRun) => run.writeByKind['counter']?.requests ?? 0;
const exact = (run: DesignRun) => (run.counted === run.scans ? 'exact' : `NOT EXACT (${run.counted} counted)`);

/** Write units per scan by what they write: the scan's claim, its record, the counters, the rest. */
export function writesPerScan(run: DesignRun) {
  const unitsOf = (k: string) => per(run, run.writeByKind[k]?.units ?? 0);
  const other = Object.keys(run.writeByKind).filter((k) => !['claim', 'record', 'counter'].includes(k)).reduce((s, k) => s + unitsOf(k), 0);
  return { total: per(run, run.writeUnits), claim: unitsOf('claim'), record: unitsOf('record'), counter: unitsOf('counter'), other };
}

export function writeBreakdown(run: DesignRun): string {
  const w = writesPerScan(run);
  return `${f2(w.total)} WU/scan = claim ${f2(w.claim)} + record ${f2(w.record)} + counters ${f2(w.counter)}${w.other > 0 ? ` + other ${f2(w.other)}` : ''}`;
}

/**
 * The mix's figures as the summary gives them, with their goals: ours, and the naive design's
 * beside them where it ran (a district-scale run may leave it out).
 */
export function mixSummary(ours: DesignRun, naive: DesignRun | undefined): SummaryRow[] {
  const floor = floorOf(ours);
  const costs = { ours: costOf(ours), floor: costOf(floor), naive: naive && costOf(naive) };
  const beside = (text: (naive: DesignRun) => string) => (naive ? `; ${text(naive)}` : '');
  const wu = per(ours, ours.writeUnits);
  const w = writesPerScan(ours);
  const ratio = costs.ours.total / costs.floor.total;
  return [
    { what: 'ingest throughput, mix (80 % live single scans, 20 % offline batches of 100, 20 % duplicate uploads)', figure: `${Math.round(ours.scans / ours.acceptedSeconds)} scans/s accepted`, detail: `timing, ${clients} gates at once, handlers and emulators on one Node thread; counted ${ours.drainedSeconds.toFixed(1)} s after start (${exact(ours)})${beside((n) => `naive ${Math.round(n.scans / n.acceptedSeconds)} scans/s`)}` },
    { what: 'DynamoDB write units per scan', figure: `${f2(wu)} WU`, goal: '≤ 1.2', ok: wu <= 1.2, detail: `count, verdict route and aggregator together (the aggregator's share, record + counters: ${f2(w.record + w.counter)}); ${f3(per(ours, counterWrites(ours)))} counter writes/scan${beside((n) => `naive ${f2(per(n, n.writeUnits))} WU, ${f3(per(n, counterWrites(n)))} counter writes/scan`)}` },
    { what: 'DynamoDB read units per scan', figure: `${f2(per(ours, ours.readUnits))} RU`, detail: `count${beside((n) => `naive ${f2(per(n, n.readUnits))} RU`)}` },
    { what: 'SQS requests per scan (64 KB chunks)', figure: `${f3(per(ours, ours.sqsBilled))}`, detail: `count: send ${f3(per(ours, ours.sqsBreakdown.send))} + receive ${f3(per(ours, ours.sqsBreakdown.receive))} + delete ${f3(per(ours, ours.sqsBreakdown.delete))}${beside((n) => `naive ${f3(per(n, n.sqsBilled))}`)}` },
    { what: 'Lambda invocations per scan', figure: `${f3(per(ours, invocationsOf(ours)))}`, detail: `count: post-scans ${f3(per(ours, ours.invocations['post-scans']!))} + scan-aggregator ${f3(per(ours, ours.invocations['scan-aggregator']!))}${beside((n) => `naive ${f3(per(n, invocationsOf(n)))}`)}` },
    { what: 'handler duration per invocation', figure: `post-scans ${ours.durations['post-scans']!.mean.toFixed(1)} ms, aggregator ${ours.durations['scan-aggregator']!.mean.toFixed(1)} ms (mean)`, detail: `timing on the local emulators → ${(ours.gbSeconds * 1e6 / ours.scans).toFixed(0)} GB-s per million scans at the manifest's memory (1024 / 512 MB)` },
    { what: 'cost per million scans: ours / floor / naive', figure: `${usd(costs.ours.total)} / ${usd(costs.floor.total)} / ${costs.naive ? usd(costs.naive.total) : 'not run'}`, detail: `from counts (and measured GB-s); ${prices.source}` },
    { what: 'cost ratio ours ÷ floor', figure: `${f2(ratio)}×`, goal: '≤ 1.2×', ok: ratio <= 1.2, detail: costs.naive ? `naive ÷ floor ${f2(costs.naive.total / costs.floor.total)}×` : 'naive not run' },
  ];
}

export const pricesRow: Table[number] = ['prices', prices.source, 'HTTP API $1.00/M req; Lambda arm64 $0.20/M req + $0.0000133334/GB-s; SQS $0.40/M req (64 KB chunks); DynamoDB $0.625/M WRU, $0.125/M RRU'];

export async function costBenchmark(rows: Table, summary: Summary): Promise<void> {
  process.env['FIRSTLINE_METER_CAPACITY'] = '1';
  meterAws();
  const f = await mixFixture(costShape);
  const ours = await runDesign(f, 'ours');
  // The naive design's pollers take the same queue once ours has drained and stopped.
  const naive = await runDesign(f, 'naive');
  const floor = floorOf(ours);
  await f.stack.stop();

  const costs = { ours: costOf(ours), naive: costOf(naive), floor: costOf(floor) };
  for (const [name, run] of [['ours', ours], ['naive', naive]] as const) {
    const consumer = Object.keys(run.invocations).find((n) => n !== 'post-scans')!;
    const d = run.durations;
    rows.push(
      [`${name}: ${run.scans} scans (${run.uploads} uploaded, ${run.apiRequests} requests), ${clients} gates at once`,
        `${Math.round(run.scans / run.acceptedSeconds)} scans/s accepted`, `timing: all answered in ${run.acceptedSeconds.toFixed(1)} s, counted in ${run.drainedSeconds.toFixed(1)} s; counters ${exact(run)}`],
      [`${name}: DynamoDB writes per scan (counts)`, `${f2(per(run, run.writeUnits))} WU`,
        `${Object.entries(run.writeByKind).map(([k, v]) => `${k} ${f2(per(run, v.units))} WU in ${f2(per(run, v.requests))} requests`).join(', ')}`],
      [`${name}: reads, queue, invocations per scan (counts)`, `${f2(per(run, run.readUnits))} RU, ${f2(per(run, run.sqsBilled))} SQS req`,
        `SQS send ${f3(per(run, run.sqsBreakdown.send))} + receive ${f3(per(run, run.sqsBreakdown.receive))} + delete ${f3(per(run, run.sqsBreakdown.delete))} (${run.sqsBreakdown.emptyReceives} empty polls not billed); ${f3(per(run, invocationsOf(run)))} invocations (post-scans ${f3(per(run, run.invocations['post-scans']!))}, ${consumer} ${f3(per(run, run.invocations[consumer]!))})`],
      [`${name}: handler duration per invocation (timings)`, `post-scans p50 ${d['post-scans']!.p50.toFixed(1)} ms`,
        `post-scans mean ${d['post-scans']!.mean.toFixed(1)} / p95 ${d['post-scans']!.p95.toFixed(1)} ms at ${findFunction('post-scans').memoryMb} MB; ${consumer} p50 ${d[consumer]!.p50.toFixed(1)} / mean ${d[consumer]!.mean.toFixed(1)} ms at ${findFunction('scan-aggregator').memoryMb} MB; ${(run.gbSeconds * 1e6 / run.scans).toFixed(0)} GB-s per million scans`],
    );
  }
  for (const [name, c] of Object.entries(costs)) {
    rows.push([`cost per million scans, ${name}`, usd(c.total), Object.entries(c.parts).map(([k, v]) => `${k} ${usd(v)}`).join(', ')]);
  }
  rows.push(pricesRow);

  const gap = Object.entries(costs.ours.parts).map(([k, v]) => [k, v - costs.floor.parts[k as keyof typeof costs.floor.parts]] as const).sort((a, b) => b[1] - a[1]);
  summary.push(...mixSummary(ours, naive));
  summary.gaps.push(
    `writes: ${writeBreakdown(ours)} (duplicate uploads' refused conditional puts billed 1 WU each)`,
    `cost over the floor, ${usd(costs.ours.total - costs.floor.total)} per million scans: ${gap.filter(([, v]) => v > 0.005).map(([k, v]) => `${k} +${usd(v)}`).join(', ')}`,
  );
  if (ours.counted !== ours.scans || naive.counted !== naive.scans) process.exitCode = 1;
}
