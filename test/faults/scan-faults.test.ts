import { SendMessageCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';
import { deadLetters, firstline, injectedFaults, pool, random, seconds } from './fault-support.ts';

/**
 * The scan path under stress: a consumer that fails on ~10 % of messages (and now and then a whole
 * invocation, or between recording and counting), DynamoDB writes throttled ~5 %, duplicate
 * uploads, offline backlogs for earlier today and yesterday, one SIGKILL of the whole stack mid-run,
 * and poison messages. Size: FIRSTLINE_FAULT_SCANS (2,000 by default; `pnpm test:faults` 20,000).
 */
const N = Number(process.env['FIRSTLINE_FAULT_SCANS'] ?? 2_000);
const tz = 'Asia/Shanghai';
const faults = {
  'scan-aggregator.record': { rate: 0.1 },
  'scan-aggregator.invocation': { rate: 0.01 },
  'scan-aggregator.before-count': { rate: 0.01 },
  'dynamodb.write': { rate: 0.05 },
};
/** Valid messages that fail only because of this fault: switched off later, they are redriven and counted. */
const poisonFault = { 'scan-aggregator.scan': { match: 'poison-' } };
const stackEnv = (withPoison: boolean) => ({
  FIRSTLINE_LOCAL_VISIBILITY_SECONDS: process.env['FIRSTLINE_FAULT_VISIBILITY_SECONDS'] ?? '5',
  FIRSTLINE_FAULTS: JSON.stringify(withPoison ? { ...faults, ...poisonFault } : faults),
});

const gates = [
  { id: 'cp1', gridId: 'g1' }, { id: 'cp1b', gridId: 'g1' },
  { id: 'cp2', gridId: 'g2' }, { id: 'cp2b', gridId: 'g2' },
  { id: 'cp3', gridId: 'g3' }, { id: 'cp3b', gridId: 'g3' },
];
const registry = {
  ...smallRegistry,
  checkpoints: gates.map((g) => ({ id: g.id, name: `Gate ${g.id}`, gridId: g.gridId })),
};

interface Scan { scanId: string; checkpointId: string; idNumber: string; direction: 'in' | 'out'; temperatureC: number; scannedAt: string }
interface Upload { gate: string; scans: Scan[]; repeat: boolean }
interface Result { scanId: string; verdict: 'allow' | 'deny'; reason: string }

let stack: RunningStack | undefined;
afterAll(async () => {
  if (process.env['DEBUG_STACK']) console.log(stack?.output().slice(-6000));
  await stack?.stop();
});


describe('scan path under faults', () => {
  it(`records and counts exactly the ${N} unique scans posted through faults, duplicates, backlogs and a SIGKILL`, { timeout: 60_000 + N * 60 }, async () => {
    const rnd = random(N);
    const started = Date.now();
    stack = await startStack({ env: stackEnv(true) });
    const dataDir = stack.dataDir;
    const admin0 = await stack.as('admin');
    expect((await admin0.put('/v1/registry', registry)).status).toBe(200);
    const residents = Array.from({ length: 30 }, (_, i) => newResident(`b${(i % 3) + 1}`, `b${(i % 3) + 1}-h${i % 7}`));
    for (const r of residents) expect((await admin0.post('/v1/residents', r)).status).toBe(201);
    const strangers = Array.from({ length: 3 }, () => newResident('b1'));

    // The scans: online uploads of 1–10 scans from the last minutes, offline backlogs of 20–100
    // scans for earlier today and for yesterday (in the district's time zone).
    const now = Date.now();
    const today = dayOf(new Date(now), tz);
    const midnight = Date.parse(`${today}T00:00:00+08:00`);
    const earliestToday = Math.max(midnight, now - 12 * 3_600_000);
    const uploads: Upload[] = [];
    let made = 0;
    while (made < N) {
      const kind = rnd();
      const size = Math.min(N - made, kind < 0.7 ? 1 + Math.floor(rnd() * 10) : 20 + Math.floor(rnd() * 81));
      const at = kind < 0.7 ? () => now - 1_000 - Math.floor(rnd() * 300_000)
        : kind < 0.85 ? () => earliestToday + Math.floor(rnd() * (now - 60_000 - earliestToday))
          : () => midnight - 86_400_000 + Math.floor(rnd() * 86_399_000);
      const gate = gates[Math.floor(rnd() * gates.length)]!.id;
      const scans = Array.from({ length: size }, (_, i): Scan => {
        const who = rnd() < 0.03 ? strangers[made % 3]! : residents[Math.floor(rnd() * residents.length)]!;
        return {
          scanId: `s-${made + i}`, checkpointId: gate, idNumber: who.idNumber, direction: rnd() < 0.5 ? 'in' : 'out',
          temperatureC: rnd() < 0.03 ? 37.8 : 36.4, scannedAt: new Date(at()).toISOString(),
        };
      });
      made += size;
      uploads.push({ gate, scans, repeat: false });
    }
    // 20 % of uploads are sent again (a scanner that did not see the answer), somewhere later.
    const order: Upload[] = [...uploads];
    for (const u of uploads) if (rnd() < 0.2) order.splice(order.indexOf(u) + 1 + Math.floor(rnd() * (order.length - order.indexOf(u))), 0, { ...u, repeat: true });

    const answers = new Map<string, Result>();
    let mismatches = 0;
    let unanswered: Upload[] = [];
    let killed = false;
    let posts = 0;
    let scansPosted = 0;
    /** Uploads sent that got no answer (cut off by the kill), re-posted after the restart. */
    let cutOff = 0;
    const post = async (scanners: Map<string, FirstlineClient>, u: Upload) => {
      if (killed) return void unanswered.push(u);
      posts++;
      scansPosted += u.scans.length;
      const res = await scanners.get(u.gate)!.post<{ results: Result[] }>('/v1/scans', { scans: u.scans }).catch(() => undefined);
      if (res?.status !== 200) {
        cutOff++;
        return void unanswered.push(u);
      }
      for (const r of res.body.results) {
        const first = answers.get(r.scanId);
        if (!first) answers.set(r.scanId, r);
        else if (first.verdict !== r.verdict || first.reason !== r.reason) mismatches++;
      }
    };
    const scannersOf = async (s: RunningStack) => new Map(await Promise.all(gates.map(async (g) => [g.id, await s.as('scanner', [g.id])] as const)));

    // Poison: malformed messages, and valid ones that fail only under the poison fault.
    let lab = await emulatorClients(stack);
    const queue = (name: string) => lab.sqs.send(new GetQueueUrlCommand({ QueueName: name })).then((o) => o.QueueUrl!);
    const malformed = ['not json at all', JSON.stringify({ v: 2, scans: [] }), JSON.stringify({ v: 1, scans: [{ scanId: 'x' }] })];
    const poisonIds = ['poison-1', 'poison-2', 'poison-3'];
    const scanEvents = await queue('firstline-demo-scan-events');
    for (const body of malformed) await lab.sqs.send(new SendMessageCommand({ QueueUrl: scanEvents, MessageBody: body }));
    for (const scanId of poisonIds) {
      await lab.sqs.send(new SendMessageCommand({
        QueueUrl: scanEvents,
        MessageBody: JSON.stringify({ v: 1, scans: [{ scanId, checkpointId: 'cp1', gridId: 'g1', day: today, at: new Date(now).toISOString(), direction: 'in', temperatureC: 36.5, verdict: 'allow', reason: 'ok', fever: false, personId: null, expiresAt: Math.floor(now / 1000) + 86_400 }] }),
      }));
    }
    lab.close();

    // Half the uploads, with a SIGKILL of the whole stack once about half are answered.
    const postingStarted = Date.now();
    let scanners = await scannersOf(stack);
    const killAt = Math.floor(order.length / 2);
    const first = stack;
    await pool(order, 8, async (u) => {
      await post(scanners, u);
      if (!killed && posts >= killAt) {
        killed = true;
        await first.kill();
      }
    });
    const outputs = [first.output()];
    const lostInKill = unanswered.length;

    // Restart on the same data with the same faults; re-post whatever got no 200, as a scanner would.
    stack = await startStack({ dataDir, env: stackEnv(true) });
    scanners = await scannersOf(stack);
    killed = false;
    const again = unanswered;
    unanswered = [];
    for (let round = 0; again.length > 0 && round < 5; round++) {
      await pool(again.splice(0), 8, (u) => post(scanners, u));
      again.push(...unanswered.splice(0));
    }
    expect(again).toEqual([]);
    const postedAt = Date.now();
    let status = await drained(stack, 60_000 + N * 30);
    const drainSeconds = seconds(Date.now() - postedAt);

    // Only poison in the DLQ: the malformed messages and the fault-poisoned ones.
    lab = await emulatorClients(stack);
    const dlqBefore = await deadLetters(lab.sqs, 'firstline-demo-scan-events-dlq', status.queues['scan-events']!.deadLettered);
    const isPoison = (body: string) => malformed.includes(body) || poisonIds.some((id) => body.includes(`"${id}"`));
    const chanceDeadLettered = dlqBefore.filter((b) => !isPoison(b));
    expect(dlqBefore.filter(isPoison)).toHaveLength(malformed.length + poisonIds.length);
    // A valid message can only get here by failing all 5 receives by chance (p ≈ 0.12^5): it must be a real scan message.
    for (const body of chanceDeadLettered) expect(JSON.parse(body)).toMatchObject({ v: 1 });
    for (const id of poisonIds) expect((await lab.records('g1', today)).map((r) => r['scanId'])).not.toContain(id);
    lab.close();
    outputs.push(stack.output());

    // The "fix": the poison fault is switched off (a restart without it), then the operator redrives.
    await stack.stop();
    stack = await startStack({ dataDir, env: stackEnv(false) });
    const redrive = firstline('redrive', '--queue', 'scan-events', '--url', stack.url);
    expect(redrive.status, redrive.stderr).toBe(0);
    status = await drained(stack, 120_000);
    expect(status.queues['scan-events']!.deadLettered).toBe(malformed.length);
    lab = await emulatorClients(stack);
    const dlqAfter = await deadLetters(lab.sqs, 'firstline-demo-scan-events-dlq', malformed.length);
    expect(dlqAfter.sort()).toEqual([...malformed].sort());
    for (const [name, q] of Object.entries(status.queues)) if (name !== 'scan-events') expect(q.deadLettered, name).toBe(0);

    // Expected: every unique scan once, by grid and day, with the verdict it was answered with.
    const all = new Map(uploads.flatMap((u) => u.scans.map((s) => [s.scanId, s] as const)));
    expect(answers.size).toBe(all.size);
    expect(mismatches).toBe(0);
    const expected = new Map<string, { ids: Set<string>; in: number; out: number; denied: number }>();
    const cell = (gridId: string, day: string) => {
      const key = `${gridId}|${day}`;
      if (!expected.has(key)) expected.set(key, { ids: new Set(), in: 0, out: 0, denied: 0 });
      return expected.get(key)!;
    };
    for (const s of all.values()) {
      const c = cell(gates.find((g) => g.id === s.checkpointId)!.gridId, dayOf(new Date(s.scannedAt), tz));
      c.ids.add(s.scanId);
      c[s.direction]++;
      if (answers.get(s.scanId)!.verdict === 'deny') c.denied++;
    }
    for (const id of poisonIds) {
      const c = cell('g1', today);
      c.ids.add(id);
      c.in++;
    }

    // Recorded scans are exactly the unique ones; live counters never exceed them.
    const days = [...new Set([...expected.keys()].map((k) => k.split('|')[1]!))].sort();
    let liveShort = 0;
    for (const [key, c] of expected) {
      const [gridId, day] = key.split('|') as [string, string];
      const records = await lab.records(gridId, day);
      const ids = records.map((r) => String(r['scanId']));
      expect(ids.length, `${key} records`).toBe(new Set(ids).size);
      expect(new Set(ids), `${key} records`).toEqual(c.ids);
      const live = await lab.scanCounters(gridId, day);
      for (const name of ['in', 'out', 'denied'] as const) {
        expect(live[name] ?? 0, `${key} live ${name}`).toBeLessThanOrEqual(c[name]);
        liveShort += c[name] - (live[name] ?? 0);
      }
    }

    // Closing the days makes the report exact, grid by grid and for the district.
    const admin = await stack.as('admin');
    const command = await stack.as('command');
    for (const day of days) expect((await admin.closeDay(day)).status).toBe(200);
    for (const day of days) {
      const total = { in: 0, out: 0, denied: 0 };
      for (const gridId of ['g1', 'g2', 'g3']) {
        const c = expected.get(`${gridId}|${day}`) ?? { in: 0, out: 0, denied: 0 };
        const report = await command.get<{ final: boolean; scans: { in: number; out: number; denied: number } }>(`/v1/reports/daily?level=grid&id=${gridId}&date=${day}`);
        expect(report.status).toBe(200);
        expect(report.body.scans, `${gridId} ${day}`).toMatchObject({ in: c.in, out: c.out, denied: c.denied });
        total.in += c.in;
        total.out += c.out;
        total.denied += c.denied;
      }
      const district = await command.get<{ scans: { in: number; out: number; denied: number } }>(`/v1/reports/daily?level=district&id=demo&date=${day}`);
      expect(district.body.scans, `district ${day}`).toMatchObject(total);
    }
    lab.close();
    outputs.push(stack.output());

    const seen: Record<string, number> = {};
    for (const o of outputs) injectedFaults(o, seen);
    const duplicates = order.length - uploads.length;
    console.log(JSON.stringify({
      test: 'scan-faults',
      scans: { unique: all.size, posted: scansPosted, duplicatesPosted: scansPosted - all.size, uploads: uploads.length, duplicateUploads: duplicates, uploadsCutOffByKill: cutOff, uploadsPostedAfterRestart: lostInKill },
      days, kills: 1, liveCounterShortBeforeClose: liveShort,
      deadLetters: { poison: malformed.length + poisonIds.length, validByChance: chanceDeadLettered.length, redriven: Number(/redrove (\d+)/.exec(redrive.stdout)?.[1] ?? 0), leftAfterRedrive: dlqAfter.length },
      injectedFaults: seen,
      seconds: { posting: seconds(postedAt - postingStarted), drain: drainSeconds, total: seconds(Date.now() - started) },
    }, null, 1));
  });
});
