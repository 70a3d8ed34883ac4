import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstlineClient } from '@firstline/client';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'firstline-results-'));
const today = dayOf(new Date(), 'Asia/Shanghai');
const at = (time: string) => `${today}T${time}:00+08:00`;

/**
 * `firstline results`: a lab's CSV of a testing round sent through the real CLI to the local
 * stack. The sheet is as a lab's system saves it: a UTF-8 BOM, Chinese headers, CRLF, spaces
 * around values, a column the command does not use, a bad row and a tube nobody was sampled with.
 */
let stack: RunningStack;
let admin: FirstlineClient;
let workerToken: string;
const people: { personId: string; idNumber: string }[] = [];

function firstline(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sheet = (name: string, lines: readonly string[]) => {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
};

/** Line 2 T-001 negative, 3 T-002 positive, 4 a result nobody can read, 5 T-999 (never sampled), 6 T-003 invalid. */
const lab = sheet('lab.csv', [
  '序号, 试管编号 ,姓名, 检测结果',
  '1, T-001 ,张*, 阴性',
  '2,T-002,李*,阳性',
  '3,T-004,王*,待复核',
  '4,T-999,赵*,阴性',
  '5,T-003,孙*,无效',
]);

interface Progress { results: Record<'negative' | 'positive' | 'invalid' | 'pending', number> }
const progress = async () => (await admin.get<Progress>('/v1/test-rounds/r1')).body;
const openCases = async () => (await (await stack.as('grid-worker', ['g1'])).get<{ items: { caseId: string; category: string }[] }>('/v1/work-lists/open-cases?gridId=g1')).body.items;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.as('admin');
  expect((await admin.put('/v1/registry', smallRegistry)).status).toBe(200);
  const worker = await stack.as('grid-worker', ['g1', 'g2']);
  for (const [buildingId, householdId] of [['b1', 'b1-h1'], ['b1', 'b1-h2'], ['b2', 'b2-h1'], ['b2', 'b2-h2']] as const) {
    const resident = newResident(buildingId, householdId);
    const registered = await worker.post<{ personId: string }>('/v1/residents', resident);
    expect(registered.status).toBe(201);
    people.push({ personId: registered.body.personId, idNumber: resident.idNumber });
  }
  const round = { roundId: 'r1', communityId: 'c1', kind: 'pcr', day: today, place: '北门广场', slots: [{ from: at('08:00'), to: at('10:00'), buildingIds: ['b1', 'b2'] }] };
  expect((await worker.post('/v1/test-rounds', round)).status).toBe(201);
  const samples = people.slice(0, 4).map((p, i) => ({ sampleId: `s-${i}`, idNumber: p.idNumber, sampledAt: new Date().toISOString(), tubeId: `T-00${i + 1}` }));
  const sampled = await (await stack.as('scanner', ['cp1'])).post<{ results: { outcome: string }[] }>('/v1/test-rounds/r1/samples', { checkpointId: 'cp1', samples });
  expect(sampled.body.results.map((r) => r.outcome)).toEqual(['sampled', 'sampled', 'sampled', 'sampled']);
  workerToken = await stack.client.localToken({ role: 'grid-worker', district: 'demo', scopes: ['g1', 'g2'] });
}, 120_000);
afterAll(() => stack.stop());

describe('firstline results', () => {
  it('explains the sheet in --help, and refuses wrong input before anything is sent', async () => {
    const help = firstline('results', '--help');
    expect(help.stdout).toContain('firstline results --round <roundId> <file.csv> --token <grid-worker or admin jwt>');
    expect(help.stdout).toContain('试管编号/试管号/管号/条码 tubeId · 结果/检测结果 result');
    expect(firstline('--help').stdout).toContain('firstline results');
    const command = await stack.client.localToken({ role: 'command', district: 'demo', scopes: ['*'] });
    expect(firstline('results', '--round', 'r1', lab, '--token', command, '--url', stack.url))
      .toMatchObject({ status: 2, stderr: expect.stringContaining('--token is a command token; this needs a token with role grid-worker or admin') });
    expect(firstline('results', '--round', 'r1', '--token', workerToken)).toMatchObject({ status: 2, stderr: expect.stringContaining("missing the lab's results file") });
    expect(firstline('results', lab, '--token', workerToken)).toMatchObject({ status: 2, stderr: expect.stringContaining('missing --round') });
    expect(firstline('results', '--round', 'r1', join(dir, 'none.csv'), '--token', workerToken)).toMatchObject({ status: 2, stderr: expect.stringContaining('none.csv is not a file') });
    expect((await progress()).results).toEqual({ negative: 0, positive: 0, invalid: 0, pending: 4 });
  });

  it('checks the sheet with --dry-run, naming the bad row, and sends nothing', async () => {
    const run = firstline('results', '--round', 'r1', lab, '--dry-run');

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('lab.csv:4: column result: "待复核" is not a result: write 阴性, 阳性 or 无效 (negative, positive, invalid)');
    expect(run.stdout).toContain(`dry run: ${lab}: would send 4 results (2 negative, 1 positive, 1 invalid) to round r1; 1 bad row would not be sent`);
    expect((await progress()).results).toEqual({ negative: 0, positive: 0, invalid: 0, pending: 4 });
  });

  it('sends the good rows, names the bad row and the unknown tube by line, and opens a case for the positive', async () => {
    const run = firstline('results', '--round', 'r1', lab, '--token', workerToken, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'warning: lab.csv:1: column "序号" is not used by firstline results; ignored',
      'warning: lab.csv:1: column "姓名" is not used by firstline results; ignored',
      'lab.csv:4: column result: "待复核" is not a result: write 阴性, 阳性 or 无效 (negative, positive, invalid)',
      'lab.csv:5: unknown tube: no tube T-999 in round r1',
    ]);
    expect(run.stdout).toContain(`sent 4 results of ${lab} to round r1 at ${stack.url} (1 request)`);
    expect(run.stdout).toContain('results: 3 recorded, 0 unchanged, 1 unknown tube, 0 conflicts, 0 not sent; 1 bad row not sent (of 5 rows)');
    expect(run.stdout).toContain('unknown tubes (nobody was sampled with them in round r1): T-999 (line 5)');
    const positive = people[1]!.personId;
    expect(run.stdout).toMatch(new RegExp(`cases opened: 1 .*\\n    case tr-\\S+: person ${positive}`));
    expect((await progress()).results).toEqual({ negative: 1, positive: 1, invalid: 1, pending: 1 });
    expect((await admin.get<{ codeColor: string }>(`/v1/residents/${positive}`)).body.codeColor).toBe('red');
    expect((await openCases()).filter((c) => c.category === 'suspected')).toHaveLength(1);
  });

  it('sends the same sheet again as a no-op: nothing counted twice, no second case', async () => {
    const run = firstline('results', '--round', 'r1', lab, '--token', workerToken, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain('results: 0 recorded, 3 unchanged, 1 unknown tube, 0 conflicts, 0 not sent; 1 bad row not sent (of 5 rows)');
    expect(run.stdout).toContain('cases opened: none');
    expect(run.stdout).toContain('every result sent was recorded before: sending the same file again changes nothing');
    expect((await progress()).results).toEqual({ negative: 1, positive: 1, invalid: 1, pending: 1 });
    expect((await openCases()).filter((c) => c.category === 'suspected')).toHaveLength(1);
  });

  it('sends a long sheet 1,000 rows a request in its order: a re-test of an invalid tube, a conflict and the last tube named by their lines', async () => {
    const filler = Array.from({ length: 1_000 }, (_, i) => `X-${String(i).padStart(4, '0')},阴性`);
    // Line 2 re-tests the invalid T-003; lines 3–1002 name tubes nobody was sampled with; line 1003
    // turns T-001's negative positive (refused), and line 1004 is the last tube's result, in the second request.
    const long = sheet('long.csv', ['tubeId,result', 'T-003,negative', ...filler, 'T-001,positive', 'T-004,Negative']);
    const run = firstline('results', '--round', 'r1', long, '--token', workerToken, '--url', stack.url);

    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`sent 1003 results of ${long} to round r1 at ${stack.url} (2 requests)`);
    expect(run.stdout).toContain('results: 2 recorded, 0 unchanged, 1000 unknown tubes, 1 conflict, 0 not sent (of 1003 rows)');
    expect(run.stdout).toContain('unknown tubes (nobody was sampled with them in round r1): X-0000 (line 3), X-0001 (line 4)');
    expect(run.stdout).toContain('and 990 more');
    expect(run.stdout).toContain('conflicts (the sample holds another result): T-001 (line 1003)');
    expect(run.stderr).toContain('long.csv:1002: unknown tube: no tube X-0999 in round r1');
    expect(run.stderr).toContain('long.csv:1003: tube T-001: the sample already holds negative');
    expect((await progress()).results).toEqual({ negative: 3, positive: 1, invalid: 0, pending: 0 });
  });

  it('exits 0 when every row is taken, and names each row the stack refuses: a grid worker of another grid', async () => {
    const clean = sheet('clean.csv', ['管号,结果', 'T-004,阴性(-)']);
    const ok = firstline('results', '--round', 'r1', clean, '--token', workerToken, '--url', stack.url);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('results: 0 recorded, 1 unchanged, 0 unknown tubes, 0 conflicts, 0 not sent (of 1 row)');

    const other = await stack.client.localToken({ role: 'grid-worker', district: 'demo', scopes: ['g3'] });
    const refused = firstline('results', '--round', 'r1', clean, '--token', other, '--url', stack.url);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("clean.csv:2: not sent: the token may not act on round r1's grids (403)");
    const missing = firstline('results', '--round', 'r-none', clean, '--token', workerToken, '--url', stack.url);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('clean.csv:2: not sent: no test round r-none (404)');
    expect(missing.stdout).toContain('results: 0 recorded, 0 unchanged, 0 unknown tubes, 0 conflicts, 1 not sent (of 1 row)');
  });
});
