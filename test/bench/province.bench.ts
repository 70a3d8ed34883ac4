import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Resident } from '@firstline/domain';
import { decideEntry, defaultPolicy, eachLimited } from '@firstline/domain';
import { gateColor, provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import { startLocalStack } from '@firstline/local/stack';
import { createProvinceRuntime } from '../../packages/adapters/src/province/index.ts';
import { firstlineCodeProvider } from '../../packages/app/src/province/firstline-code-provider.ts';
import { provincialCodeProvider } from '../../packages/app/src/province/provincial-code-provider.ts';
import { verifyAtGate } from '../../packages/app/src/province/verify-at-gate.ts';
import type { GateCodePorts } from '../../packages/app/src/province/verify-at-gate.ts';
import { startProvinceEmulator } from '../../packages/province-emulator/src/index.ts';
import type { ProvinceFaults } from '../../packages/province-emulator/src/index.ts';
import { printTable } from './bench-support.ts';
import type { Table } from './bench-support.ts';
import { percentile } from './meters.ts';

const scansPerCase = Number(process.env['BENCH_PROVINCE_SCANS'] ?? 600);
/** Gates scanning at once against one container (a Lambda container serves one request at a time; four keeps the figure honest). */
const concurrency = 4;
const people = 200;

/** The province's states the gate must ride out, in the order they are measured. */
const cases: { name: string; faults: Partial<ProvinceFaults> }[] = [
  { name: 'province at 0 ms', faults: {} },
  { name: 'province at 250 ms (under the 300 ms timeout)', faults: { latencyMs: 250 } },
  { name: 'province at 300 ms (at the timeout)', faults: { latencyMs: 300 } },
  { name: 'province at 5 s', faults: { latencyMs: 5_000 } },
  { name: 'province failing (503)', faults: { failure: '5xx' } },
  { name: 'province down (connection refused)', faults: { down: true } },
];

/**
 * Gate verdict time with the provincial service healthy, slow, failing and down: `verifyAtGate`
 * (the province's HTTP interface through the client with its 300 ms timeout and circuit breaker,
 * the offline fallback with the cached key) plus the digest lookup in the district's core table
 * (DynamoDB on the local emulator) and DESIGN.md's rules, for scans of provincial codes by four
 * gates at once. Each case starts with its own container, warmed by one online scan: circuit closed,
 * key imported, connections open.
 */
export async function provinceBenchmark(rows: Table): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'firstline-bench-province-'));
  const province = await startProvinceEmulator({ dataDir });
  const stack = await startLocalStack({ district: 'demo', dataDir, port: 0, pollers: false });
  try {
    const documents = DynamoDBDocumentClient.from(stack.emulators.dynamodb);
    const setup = createProvinceRuntime(province.url, province.link, { documents, coreTable: stack.resources.tables['core']! });
    const idNumbers = Array.from({ length: people }, (_, i) => `42010219900101${String(i).padStart(4, '0')}`);
    const codes: string[] = new Array(people);
    await eachLimited(idNumbers.map((idNumber, i) => ({ idNumber, i })), 16, async ({ idNumber, i }) => {
      await setup.people.link(`p_bench${idNumber}`, setup.idDigest(idNumber));
      codes[i] = (await province.issueCode(idNumber)).code;
    });
    // One person in ten turned yellow by the province after their code was issued (signed green): the
    // first online scan sees yellow, and the fallback must keep them out on the colour last seen.
    const yellow = (i: number) => i % 10 === 0;
    for (const idNumber of idNumbers.filter((_, i) => yellow(i))) {
      const res = await fetch(`${province.controlUrl}/control/colors`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idNumber, color: 'yellow' }),
      });
      if (!res.ok) throw new Error(`province colour ${res.status}`);
    }
    await eachLimited(idNumbers.map((idNumber, i) => ({ idNumber, i })).filter(({ i }) => yellow(i)), 8, async ({ i }) => {
      const seen = await verifyAtGate({
        policy: provinceFirstPolicy, providers: [provincialCodeProvider(setup.service)], province: { keyring: setup.keyring, people: setup.people },
      }, codes[i]!, new Date());
      if (!seen.ok || seen.color !== 'yellow') throw new Error('the province did not answer yellow');
    });
    const resident = (personId: string): Resident => ({
      personId, nameMasked: '张*', phoneMasked: '138****0000', buildingId: 'b1', gridId: 'g1', householdId: 'h1', codeColor: 'green', status: 'none',
    });

    for (const { name, faults } of cases) {
      const runtime = createProvinceRuntime(province.url, province.link, { documents, coreTable: stack.resources.tables['core']! });
      const ports: GateCodePorts = {
        policy: provinceFirstPolicy,
        providers: [firstlineCodeProvider({ verify: async () => ({ ok: false, why: 'signature' }) }), provincialCodeProvider(runtime.service)],
        province: { keyring: runtime.keyring, people: runtime.people },
      };
      // A container that has been serving: keys imported, connections open; then the province's state.
      await province.setFaults({ latencyMs: 0, failure: 'none', down: false });
      await verifyAtGate(ports, codes[1]!, new Date());
      await province.setFaults(faults);
      const durations: number[] = [];
      let provisional = 0;
      let allowedYellow = 0;
      let deniedYellow = 0;
      const started = performance.now();
      await eachLimited(Array.from({ length: scansPerCase }, (_, i) => i), concurrency, async (i) => {
        const t0 = performance.now();
        const verdict = await verifyAtGate(ports, codes[i % codes.length]!, new Date());
        if (!verdict.ok || !verdict.personId) throw new Error(`${name}: scan ${i} refused (${verdict.ok ? 'no person' : verdict.why})`);
        const { verdict: answer } = decideEntry({
          subject: { kind: 'person', resident: { ...resident(verdict.personId), codeColor: gateColor('green', verdict.color) } },
          temperatureC: 36.5, direction: 'in', policy: defaultPolicy, quotaAllows: undefined,
        });
        durations.push(performance.now() - t0);
        if (verdict.provisional) provisional += 1;
        if (yellow(i % codes.length)) {
          if (answer === 'allow') allowedYellow += 1;
          else deniedYellow += 1;
        }
      });
      const seconds = (performance.now() - started) / 1000;
      rows.push([
        `gate verdict, ${name}`,
        `p99 ${percentile(durations, 99).toFixed(1)} ms`,
        `p50 ${percentile(durations, 50).toFixed(1)} / max ${Math.max(...durations).toFixed(1)} ms; ${scansPerCase} scans at ${concurrency} at once in ${seconds.toFixed(1)} s; `
          + `${((100 * provisional) / scansPerCase).toFixed(0)} % provisional; circuit ${runtime.service.circuit}; yellow persons denied ${deniedYellow}, let through ${allowedYellow}`,
      ]);
    }
    await province.setFaults({ latencyMs: 0, failure: 'none', down: false });
  } finally {
    await stack.stop();
    await province.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Run on its own: `node test/bench/province.bench.ts` (from pnpm exec, for Node 24).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows: Table = [];
  await provinceBenchmark(rows);
  console.log(`\n${printTable('province', rows)}`);
  process.exit(0);
}
