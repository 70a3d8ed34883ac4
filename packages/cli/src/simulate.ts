import { dayOf } from '@firstline/domain';
import { UsageError } from './args.ts';
import { Progress } from './progress.ts';
import { simFixture, unknownIdNumber } from './sim-fixture.ts';
import { hostGrid, setUp, simClients } from './sim-setup.ts';
import type { SimClients } from './sim-setup.ts';
import { formatSummary } from './sim-summary.ts';
import type { SimSummary } from './sim-summary.ts';
import { connect } from './stack-url.ts';
import type { StackUrl } from './stack-url.ts';

export interface SimulateOptions {
  readonly stack: StackUrl;
  readonly tokens: readonly string[];
  readonly district?: string;
  readonly setup: boolean;
  readonly gates: number;
  readonly rate: number;
  readonly durationSeconds: number;
  readonly offlineShare: number;
  readonly duplicateShare: number;
  readonly deliveries: number;
  readonly gridLogs: number;
  readonly timeZone: string;
  readonly concurrency: number;
  readonly json: boolean;
}

interface Scan {
  scanId: string;
  checkpointId: string;
  code?: string;
  idNumber?: string;
  direction: 'in' | 'out';
  temperatureC: number;
  scannedAt: string;
  deviceId: string;
}

interface ScanAnswer {
  scanId: string;
  verdict: string;
  reason: string;
}

/** A counting semaphore: the scheduler waits for a free slot, so a slow stack shows as a lower achieved rate, not a growing heap. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(size: number) {
    this.#free = size;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

/**
 * Spreads a share over a sequence exactly: the n-th decision is yes when the running total of
 * `share` crosses a whole number, so 0.2 repeats every fifth upload rather than about a fifth.
 */
function everyShare(share: number): () => boolean {
  let total = 0;
  return () => {
    const before = Math.floor(total + 1e-9);
    total += share;
    return Math.floor(total + 1e-9) > before;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls to the stack, counted by route and answer; no error escapes, every one is tallied. */
class Traffic {
  requests = 0;
  serverErrors = 0;
  noAnswer = 0;
  readonly errors = new Map<string, { count: number; first: string }>();

  async call<T>(label: string, expected: readonly number[], send: () => Promise<{ status: number; body: T }>): Promise<T | undefined> {
    this.requests++;
    try {
      const res = await send();
      if (expected.includes(res.status)) return res.body;
      if (res.status >= 500) this.serverErrors++;
      this.#note(`${label} ${res.status}`, describe(res.body));
    } catch (error) {
      this.noAnswer++;
      this.#note(`${label} (no answer)`, (error as Error).message);
    }
    return undefined;
  }

  #note(key: string, message: string): void {
    const seen = this.errors.get(key);
    if (seen) seen.count++;
    else this.errors.set(key, { count: 1, first: message });
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((n, e) => n + e.count, 0);
  }
}

function describe(body: unknown): string {
  const error = (body as { error?: { message?: string; details?: { path: string; message: string }[] } } | undefined)?.error;
  if (!error) return (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 200);
  return [error.message, ...(error.details ?? []).slice(0, 2).map((d) => `${d.path}: ${d.message}`)].filter(Boolean).join('; ');
}

/**
 * Runs gates, deliveries and grid logs against a stack for a while and prints what happened.
 * Resolves false when the stack failed a request (5xx or no answer): that is what a run is for.
 */
export async function runSimulation(options: SimulateOptions): Promise<boolean> {
  const clients = await simClients(connect(options.stack), options.tokens, options.district);
  const missing = [
    options.setup && !clients.admin ? 'admin (for --setup)' : '',
    options.deliveries > 0 && !clients.deliveries ? 'grid-worker or dispatcher (for deliveries; or --deliveries 0)' : '',
    options.gridLogs > 0 && !clients.gridLogs ? 'grid-worker (for grid logs; or --grid-logs 0)' : '',
  ].filter(Boolean);
  if (missing.length > 0) throw new UsageError(`no --token with role ${missing.join(', ')}`);

  // A district with a hierarchy of its own (the seeded demo) keeps it: the gates join one of its
  // grids rather than add a street its closed days never saw, which would read as late and not final.
  const host = await hostGrid(clients.reports, clients.district, dayOf(new Date(), options.timeZone));
  const fixture = simFixture(options.gates, host);
  // Codes are fetched by person id, which only a registration answers with: without --setup the
  // gates read ID cards instead (the ID-card reader path of POST /v1/scans).
  let personIds = new Map<string, string>();
  if (options.setup) {
    personIds = await setUp(clients.admin!, clients.district, fixture, options.timeZone);
    const where = host ? `grid ${host} (the district's own hierarchy is left as it is)` : `${fixture.gridIds.length} grids of the simulator's own street`;
    if (!options.json) console.error(`setup: ${fixture.registry.checkpoints.length} gates in ${where}, ${personIds.size} residents registered in district ${clients.district}`);
  }
  return run(options, clients, fixture, personIds);
}

async function run(options: SimulateOptions, clients: SimClients, fixture: ReturnType<typeof simFixture>, personIds: Map<string, string>): Promise<boolean> {
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
  const gates = fixture.registry.checkpoints.map((c) => c.id);
  const offlineGates = Math.round(options.gates * options.offlineShare);
  // The last gates are the offline ones, so a run with any gate online always has gate 1 live.
  const isOffline = (gate: number) => gate >= options.gates - offlineGates;
  const residents = fixture.residents;
  const codes = options.setup && clients.codes ? clients.codes : undefined;
  const traffic = new Traffic();
  const slots = new Slots(options.concurrency);
  const duplicate = everyShare(options.duplicateShare);

  const acknowledged = new Map<string, ScanAnswer>();
  const byDay = new Map<string, number>();
  const scannedAt = new Map<string, string>();
  let uploads = 0;
  let offlineBatches = 0;
  let duplicateUploads = 0;
  let duplicateScans = 0;
  let duplicateMismatches = 0;
  let lastCode: string | undefined;
  let lastAck = Date.now();
  const buffers = new Map<number, Scan[]>();

  const upload = async (scans: Scan[]) => {
    uploads++;
    const send = () => traffic.call<{ results: ScanAnswer[] }>('POST /v1/scans', [200], () => clients.scanner.post('/v1/scans', { scans }));
    const first = await send();
    if (!first) return;
    for (const answer of first.results) {
      if (acknowledged.has(answer.scanId)) continue;
      acknowledged.set(answer.scanId, answer);
      const day = dayOf(scannedAt.get(answer.scanId)!, options.timeZone);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    lastAck = Date.now();
    // A scanner that lost the answer sends the same upload again; it must get the same answer.
    if (duplicate()) {
      duplicateUploads++;
      duplicateScans += scans.length;
      const again = await send();
      if (again && JSON.stringify(again.results) !== JSON.stringify(first.results)) duplicateMismatches++;
    }
  };

  const scanAt = async (n: number) => {
    const gate = n % options.gates;
    const resident = residents[(n * 7) % residents.length]!;
    const personId = personIds.get(resident.idNumber);
    let scan: Omit<Scan, 'scannedAt'> = {
      scanId: `sim-${runId}-${n}`, checkpointId: gates[gate]!, direction: n % 2 === 0 ? 'in' : 'out',
      temperatureC: n % 23 === 5 ? 37.8 : Math.round((36.2 + (n % 7) / 10) * 10) / 10, deviceId: `sim-gate-${gate + 1}`,
    };
    if (n % 29 === 13) scan = { ...scan, idNumber: unknownIdNumber(n) };
    else if (codes && personId && n % 31 === 17 && lastCode) scan = { ...scan, code: lastCode };
    else if (codes && personId && n % 10 < 6) {
      const answer = await traffic.call<{ code: string }>('GET /v1/residents/{personId}/code', [200], () => codes.get(`/v1/residents/${personId}/code`));
      if (!answer) return;
      lastCode = answer.code;
      scan = { ...scan, code: answer.code };
    } else scan = { ...scan, idNumber: resident.idNumber };
    const full: Scan = { ...scan, scannedAt: new Date().toISOString() };
    scannedAt.set(full.scanId, full.scannedAt);
    if (!isOffline(gate)) return upload([full]);
    const buffer = buffers.get(gate) ?? [];
    buffers.set(gate, buffer);
    buffer.push(full);
    if (buffer.length >= 100) {
      offlineBatches++;
      await upload(buffer.splice(0, buffer.length));
    }
  };

  const running = new Set<Promise<void>>();
  const start = Date.now();
  const durationMs = options.durationSeconds * 1000;
  const launch = async (task: () => Promise<void>) => {
    await slots.acquire();
    const p = task().finally(() => {
      slots.release();
      running.delete(p);
    });
    running.add(p);
  };
  /** Runs `count` tasks spread evenly over the run, each at its own time. */
  const spread = async (count: number, task: (k: number) => Promise<void>, offset = 0.5) => {
    for (let k = 0; k < count; k++) {
      const wait = start + ((k + offset) * durationMs) / count - Date.now();
      if (wait > 1) await sleep(wait);
      await launch(() => task(k));
    }
  };

  let deliveriesAccepted = 0;
  let gridLogsAccepted = 0;
  const twice = async (label: string, expected: number[], send: () => Promise<{ status: number; body: unknown }>) => {
    const first = await traffic.call(label, expected, send);
    if (first !== undefined && duplicate()) await traffic.call(label, expected, send);
    return first !== undefined;
  };
  const delivery = async (k: number) => {
    const resident = residents[(k * 5) % residents.length]!;
    const [kind, priority, item] = ([['groceries', 'normal', 'vegetables'], ['medicine', 'medical', 'insulin'], ['groceries', 'hardship', 'rice 5 kg']] as const)[k % 3]!;
    const body = {
      deliveryId: `sim-${runId}-d${k}`, householdId: resident.householdId, buildingId: resident.buildingId, kind, priority,
      items: [{ name: item, quantity: 1 + (k % 3) }], requestedAt: new Date().toISOString(),
    };
    if (await twice('POST /v1/deliveries', [202], () => clients.deliveries!.post('/v1/deliveries', body))) deliveriesAccepted++;
  };
  const gridLog = async (k: number) => {
    const gridId = fixture.gridIds[k % fixture.gridIds.length]!;
    const body = {
      logId: `sim-${runId}-log${k}`, gridId, date: dayOf(new Date(), options.timeZone), householdsVisited: 8, residentsScreened: 16,
      disinfectionRounds: 2, masksDistributed: 32, keyPersonsFound: 0, note: 'firstline simulate',
    };
    if (await twice('POST /v1/grid-logs', [201], () => clients.gridLogs!.post('/v1/grid-logs', body))) gridLogsAccepted++;
  };

  const total = Math.max(1, Math.floor(options.rate * options.durationSeconds));
  const progress = new Progress(durationMs, () => {
    const elapsed = Math.max(0.001, (Date.now() - start) / 1000);
    return `scans ${acknowledged.size} (${(acknowledged.size / elapsed).toFixed(1)}/s)  buffered ${[...buffers.values()].reduce((n, b) => n + b.length, 0)}  dup ${duplicateUploads}  errors ${traffic.errorCount}`;
  });
  await Promise.all([
    spread(total, scanAt, 0),
    spread(options.deliveries, delivery),
    spread(options.gridLogs, gridLog),
  ]);
  while (running.size > 0) await Promise.all([...running]);
  // Offline gates come back online at the end of their shift and upload what they kept.
  for (const [, buffer] of buffers) {
    if (buffer.length === 0) continue;
    offlineBatches++;
    const batch = buffer.splice(0, buffer.length);
    await launch(() => upload(batch));
  }
  while (running.size > 0) await Promise.all([...running]);
  progress.stop();

  const verdicts: Record<string, number> = {};
  for (const a of acknowledged.values()) verdicts[`${a.verdict}/${a.reason}`] = (verdicts[`${a.verdict}/${a.reason}`] ?? 0) + 1;
  const seconds = (Math.max(lastAck, start + 1) - start) / 1000;
  const summary: SimSummary = {
    url: options.stack.url, district: clients.district, seconds: Math.round(((Date.now() - start) / 1000) * 10) / 10,
    gates: options.gates, offlineGates, requestedRate: options.rate,
    scans: {
      posted: acknowledged.size, attempted: scannedAt.size, uploads, offlineBatches,
      duplicateUploads, duplicateScans, duplicateMismatches,
      byDay: Object.fromEntries([...byDay].sort()), verdicts,
    },
    deliveries: { requested: options.deliveries, accepted: deliveriesAccepted },
    gridLogs: { sent: options.gridLogs, accepted: gridLogsAccepted },
    http: {
      requests: traffic.requests, serverErrors: traffic.serverErrors, noAnswer: traffic.noAnswer,
      errors: Object.fromEntries([...traffic.errors].map(([key, e]) => [key, e])),
    },
    achievedRate: Math.round((acknowledged.size / seconds) * 10) / 10,
  };
  console.log(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, options.setup));
  return traffic.serverErrors === 0 && traffic.noAnswer === 0;
}
