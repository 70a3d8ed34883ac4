import { randomUUID } from 'node:crypto';
import { capacityTally, resetCapacityTally } from '@firstline/adapters/instrumentation';
import type { ScanRecord } from '@firstline/domain';
import { dayOf, eachLimited } from '@firstline/domain';
import { findFunction } from '@firstline/service';
import { invoke } from '@firstline/local/handlers';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { benchDistrict, benchRegistry, scanRequestEvent, skewedCheckpoint, type Table } from './bench-support.ts';

const district = 'demo';
const zone = 'Asia/Shanghai';

const apiEvent = (body: unknown, scopes: string[]) => scanRequestEvent(district, body, scopes);

function sqsEvent(messages: { scans: ScanRecord[] }[]) {
  return {
    Records: messages.map((m) => ({
      messageId: randomUUID(), receiptHandle: randomUUID(), body: JSON.stringify({ v: 1, ...m }),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'bench', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench', awsRegion: 'us-east-1',
    })),
  };
}

/** Handler-level figures: the verdict route and the aggregator, in this process, on the local emulators. */
async function inProcess(rows: Table): Promise<void> {
  process.env['FIRSTLINE_METER_CAPACITY'] = '1';
  const { stack, registry, codes, people } = await benchDistrict(district, 2_000);
  const personIds = people.map((p) => p.personId);
  const checkpoints = registry.checkpoints.map((c) => c.id);
  const postScans = findFunction('post-scans');
  const aggregator = findFunction('scan-aggregator');

  // Warm the container (cold start is measured separately), then time batches of 1, 10 and 100.
  await invoke(postScans, district, apiEvent({ scans: [{ scanId: randomUUID(), checkpointId: checkpoints[0], idNumber: people[0]!.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() }] }, checkpoints));
  for (const batch of [1, 10, 100]) {
    const total = batch === 1 ? 500 : 2_000;
    const requests = Array.from({ length: total / batch }, (_, r) => Promise.all(Array.from({ length: batch }, async (_, i) => {
      const n = r * batch + i;
      const half = n % 2 === 0;
      const at = new Date();
      return {
        scanId: randomUUID(), checkpointId: skewedCheckpoint(checkpoints, n), direction: n % 3 === 0 ? 'out' : 'in', temperatureC: 36.2 + (n % 10) / 10,
        scannedAt: at.toISOString(),
        ...(half ? { code: (await codes.issue(personIds[n % personIds.length]!, 'green', at)).code } : { idNumber: people[n % people.length]!.idNumber }),
      };
    })));
    const bodies = await Promise.all(requests);
    resetCapacityTally();
    const started = performance.now();
    for (const scans of bodies) {
      const result = (await invoke(postScans, district, apiEvent({ scans }, checkpoints))) as { statusCode: number };
      if (result.statusCode !== 200) throw new Error(`post-scans answered ${result.statusCode}`);
    }
    const seconds = (performance.now() - started) / 1000;
    rows.push([`verdict route, batches of ${batch} (half codes, half ID cards), one container`, `${Math.round(total / seconds)} scans/s`, `${(capacityTally.writeUnits / total).toFixed(2)} WU/scan, ${(capacityTally.readUnits / total).toFixed(2)} RU/scan`]);
  }

  // Aggregator: write units per scan and writes per batch. Live gates send one scan a message; offline backlogs many.
  // (Its live counters are the minute fold's, measured per minute of the district's rate in `pnpm bench district`.)
  const today = dayOf(new Date(), zone);
  const gridOf = new Map(registry.checkpoints.map((c) => [c.id, c.gridId]));
  let n = 0;
  let messageCount = 0;
  const record = (): ScanRecord => {
    const checkpointId = skewedCheckpoint(checkpoints, n++);
    return {
      scanId: randomUUID(), checkpointId, gridId: gridOf.get(checkpointId)!, day: today, at: new Date().toISOString(), direction: n % 2 ? 'in' : 'out',
      temperatureC: 36.5, verdict: 'allow', reason: 'ok', fever: false, personId: personIds[n % personIds.length]!, expiresAt: Math.floor(Date.now() / 1000) + 86_400 * 28,
    };
  };
  const mixes: Array<[string, () => { scans: ScanRecord[] }]> = [
    ['live gates (1 scan a message)', () => ({ scans: [record()] })],
    ['live + offline (1 in 10 messages a backlog of 50 from one gate)', () => {
      if (++messageCount % 10 !== 0) return { scans: [record()] };
      const gate = record();
      return { scans: [gate, ...Array.from({ length: 49 }, () => ({ ...record(), checkpointId: gate.checkpointId, gridId: gate.gridId }))] };
    }],
  ];
  const invocations = 20;
  for (const [mix, message] of mixes) {
    for (const batch of [10, 100]) {
      let scans = 0;
      resetCapacityTally();
      const started = performance.now();
      for (let i = 0; i < invocations; i++) {
        const messages = Array.from({ length: batch }, message);
        scans += messages.reduce((s, m) => s + m.scans.length, 0);
        await invoke(aggregator, district, sqsEvent(messages));
      }
      const seconds = (performance.now() - started) / 1000;
      rows.push([
        `aggregator, ${batch} messages a batch, ${mix}`,
        `${(capacityTally.writeUnits / scans).toFixed(3)} WU/scan`,
        `${(capacityTally.writeRequests / invocations).toFixed(1)} writes a batch (its marker twice, a pack per read group), ${Math.round(scans / seconds)} scans/s`,
      ]);
    }
  }
  await stack.stop();
}

/** End to end: 20,000 scans from 8 concurrent clients through `pnpm dev`'s entry, until drained; exact count check. */
async function endToEnd(rows: Table, total = 20_000, clients = 8): Promise<void> {
  const stack = await startStack({ district });
  const admin = await stack.as('admin');
  const registry = benchRegistry(district, 50, 4);
  if ((await admin.put('/v1/registry', registry)).status !== 200) throw new Error('registry');
  const checkpoints = registry.checkpoints.map((c) => c.id);
  // Registered residents' ID cards: strangers' would (rightly) spend the token's lookup budget.
  const idNumbers = Array.from({ length: 500 }, (_, i) => `42010219900101${String(i).padStart(4, '0')}`);
  await eachLimited(idNumbers.map((idNumber, i) => ({ idNumber, i })), 16, async ({ idNumber, i }) => {
    const resident = { idNumber, name: '张三', phone: '13800000000', buildingId: registry.buildings[i % registry.buildings.length]!.id, householdId: `h${i}` };
    if ((await admin.post('/v1/residents', resident)).status !== 201) throw new Error('resident');
  });
  const scanner = await stack.as('scanner', ['*']);
  const yesterday = Date.now() - 86_400_000;
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < total) {
      // Offline scanners upload a backlog of up to 100 at once.
      const size = Math.min(next % 7 === 0 ? 100 : 10, total - next);
      const first = next;
      next += size;
      const checkpointId = skewedCheckpoint(checkpoints, first);
      const scans = Array.from({ length: size }, (_, i) => ({
        scanId: `e2e-${first + i}`, checkpointId, idNumber: idNumbers[(first + i) % idNumbers.length],
        direction: 'in', temperatureC: 36.5, scannedAt: new Date(yesterday + first + i).toISOString(),
      }));
      const res = await scanner.post('/v1/scans', { scans });
      if (res.status !== 200) throw new Error(`scans answered ${res.status}`);
    }
  }));
  const accepted = (performance.now() - started) / 1000;
  const status = await drained(stack, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const lab = await emulatorClients(stack);
  const day = dayOf(new Date(yesterday), zone);
  let counted = 0;
  let recorded = 0;
  for (const grid of registry.grids) {
    counted += (await lab.scanCounters(grid.id, day))['in'] ?? 0;
    recorded += (await lab.records(grid.id, day)).length;
  }
  lab.close();
  await stack.stop();
  const exact = counted === total && recorded === total && status.queues['scan-events']!.deadLettered === 0;
  rows.push([
    `end to end: ${total} scans, ${clients} clients over HTTP, pnpm dev`,
    `${Math.round(total / accepted)} scans/s accepted, drained in ${seconds.toFixed(1)} s`,
    `${exact ? 'exact' : 'NOT EXACT'}: ${recorded} recorded, ${counted} counted, ${status.queues['scan-events']!.deadLettered} dead-lettered`,
  ]);
  if (!exact) process.exitCode = 1;
}

export async function scansBenchmark(rows: Table): Promise<void> {
  await inProcess(rows);
  await endToEnd(rows, Number(process.env['BENCH_E2E_SCANS'] ?? 20_000));
}
