import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FirstlineClient } from '@firstline/client';
import { eachLimited } from '@firstline/domain';
import { provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import { findFunction } from '@firstline/service';
import { invoke } from '@firstline/local/handlers';
import { startLocalStack } from '@firstline/local/stack';
import { startProvinceEmulator } from '../../packages/province-emulator/src/index.ts';
import type { ProvinceFaults } from '../../packages/province-emulator/src/index.ts';
import { benchRegistry, scanRequestEvent } from './bench-support.ts';
import type { Table } from './bench-support.ts';
import { percentile } from './meters.ts';

const district = 'demo';
const scansPerCase = Number(process.env['BENCH_PROVINCE_SCANS'] ?? 400);
/** Gates scanning at once against the verdict route's container. */
const concurrency = 4;
const people = 200;

/**
 * The province's states the gate must ride out, in this order, against one warm container (as in
 * the cloud, the circuit breaker's state carries from one to the next: after the slow province it
 * is open, so the failing and the down province are answered at once by the fallback).
 */
const cases: { name: string; faults: Partial<ProvinceFaults> }[] = [
  { name: 'province at 0 ms', faults: {} },
  { name: 'province at 300 ms (at the timeout)', faults: { latencyMs: 300 } },
  { name: 'province at 5 s', faults: { latencyMs: 5_000 } },
  { name: 'province failing (503)', faults: { failure: '5xx' } },
  { name: 'province down (connection refused)', faults: { down: true } },
];

interface ScanResult { readonly verdict: 'allow' | 'deny'; readonly reason: string; readonly provisional?: true }

/**
 * Gate verdict time for provincial codes through the verdict route itself (`post-scans`, in-process
 * on the local emulators): the code checked with the province (300 ms timeout, circuit breaker) or
 * by the fallback (the cached key, the colour last seen), the digest link and Firstline's records
 * read from DynamoDB, DESIGN.md's rules, the slot claimed and the message queued. Residents are
 * registered through the API (which links their digest); one in ten was turned yellow by the
 * province after their code was issued, and must never be let through.
 */
export async function provinceBenchmark(rows: Table): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'firstline-bench-province-'));
  const province = await startProvinceEmulator({ dataDir });
  // The district's functions find the province as a deployed stack's do: its address and link.
  Object.assign(process.env, { FIRSTLINE_PROVINCE_URL: province.url, FIRSTLINE_PROVINCE_LINK_FILE: province.linkFile });
  const stack = await startLocalStack({ district, dataDir, port: 0, pollers: false });
  try {
    const admin = new FirstlineClient({ baseUrl: stack.url }).withToken(await stack.tokens.sign({ role: 'admin', district, scopes: ['*'] }));
    const registry = benchRegistry(district, 4, 1);
    const policy = { healthCodes: provinceFirstPolicy };
    if ((await admin.put('/v1/registry', { ...registry, district: { ...registry.district, policy } })).status !== 200) throw new Error('registry');
    const idNumbers = Array.from({ length: people }, (_, i) => `42010219900101${String(i).padStart(4, '0')}`);
    const codes: string[] = new Array(people);
    await eachLimited(idNumbers.map((idNumber, i) => ({ idNumber, i })), 8, async ({ idNumber, i }) => {
      const registered = await admin.post('/v1/residents', {
        idNumber, name: '张三', phone: `1380000${String(i).padStart(4, '0')}`, buildingId: registry.buildings[i % registry.buildings.length]!.id, householdId: `h${i}`,
      });
      if (registered.status !== 201) throw new Error(`resident ${registered.status}`);
      codes[i] = (await province.issueCode(idNumber)).code;
    });
    const yellow = (i: number) => i % 10 === 0;
    for (const idNumber of idNumbers.filter((_, i) => yellow(i))) {
      const res = await fetch(`${province.controlUrl}/control/colors`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idNumber, color: 'yellow' }),
      });
      if (!res.ok) throw new Error(`province colour ${res.status}`);
    }
    const route = findFunction('post-scans');
    const gate = registry.checkpoints[0]!.id;
    let n = 0;
    const scanOnce = async (code: string): Promise<ScanResult> => {
      const body = { scans: [{ scanId: `pb-${++n}`, checkpointId: gate, code, direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString() }] };
      const res = (await invoke(route, district, scanRequestEvent(district, body, ['*'], `gate-${n % concurrency}`))) as { statusCode: number; body: string };
      if (res.statusCode !== 200) throw new Error(`scan ${res.statusCode} ${res.body.slice(0, 200)}`);
      return (JSON.parse(res.body) as { results: ScanResult[] }).results[0]!;
    };
    // Online first: the gate sees each yellow person's colour once (what the fallback remembers).
    for (const [i, code] of codes.entries()) if (yellow(i) && (await scanOnce(code)).reason !== 'code-yellow') throw new Error('the province did not answer yellow');

    for (const { name, faults } of cases) {
      await province.setFaults({ latencyMs: 0, failure: 'none', down: false, ...faults });
      const durations: number[] = [];
      let provisional = 0;
      let allowedYellow = 0;
      let deniedYellow = 0;
      const started = performance.now();
      await eachLimited(Array.from({ length: scansPerCase }, (_, i) => i), concurrency, async (i) => {
        const t0 = performance.now();
        const result = await scanOnce(codes[i % codes.length]!);
        durations.push(performance.now() - t0);
        if (result.provisional) provisional += 1;
        if (yellow(i % codes.length)) {
          if (result.verdict === 'allow') allowedYellow += 1;
          else deniedYellow += 1;
        }
      });
      const seconds = (performance.now() - started) / 1000;
      rows.push([
        `gate verdict through POST /v1/scans, ${name}`,
        `p99 ${percentile(durations, 99).toFixed(0)} ms`,
        `p50 ${percentile(durations, 50).toFixed(0)} / max ${Math.max(...durations).toFixed(0)} ms; ${scansPerCase} scans, ${concurrency} at once, in ${seconds.toFixed(1)} s; `
          + `${((100 * provisional) / scansPerCase).toFixed(0)} % provisional; yellow persons denied ${deniedYellow}, let through ${allowedYellow}`,
      ]);
    }
    await province.setFaults({ latencyMs: 0, failure: 'none', down: false });
  } finally {
    await stack.stop();
    await province.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
