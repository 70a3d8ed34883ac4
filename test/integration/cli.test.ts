import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
let stack: RunningStack;

function firstline(...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  stack = await startStack();
  expect((await (await stack.as('admin')).put('/v1/registry', smallRegistry)).status).toBe(200);
});
afterAll(() => stack.stop());

describe('firstline CLI', () => {
  it('has help for every command and refuses wrong input with a clear message and exit code 2', () => {
    const help = firstline('--help');
    const unknown = firstline('launch');
    const missing = firstline('export', '--level', 'district');

    expect(help.status).toBe(0);
    for (const command of ['token', 'export', 'redrive']) expect(help.stdout).toContain(`firstline ${command}`);
    expect(unknown).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown command launch') });
    expect(missing).toMatchObject({ status: 2, stderr: expect.stringContaining('missing --id, --date, --token') });
  });

  it('mints a token and exports a report as CSV', () => {
    const token = firstline('token', '--role', 'command', '--district', 'demo', '--url', stack.url);
    expect(token.status).toBe(0);

    const csv = firstline('export', '--level', 'community', '--id', 'c1', '--date', '2020-03-12', '--token', token.stdout.trim(), '--url', stack.url);

    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^level,id,name,date,final,scans.in/);
    expect(csv.stdout).toContain('grid,g1,Grid 1,2020-03-12');
  });

  it('redrives dead letters back to their queue, where they are processed', async () => {
    const lab = await emulatorClients(stack);
    const dlq = (await lab.sqs.send(new GetQueueUrlCommand({ QueueName: 'firstline-demo-scan-events-dlq' }))).QueueUrl!;
    const day = dayOf(new Date(), 'Asia/Shanghai');
    // A message that failed while a bug was live: valid now that the bug is fixed.
    await lab.sqs.send(new SendMessageCommand({
      QueueUrl: dlq,
      MessageBody: JSON.stringify({ v: 1, scans: [{ scanId: 'redriven-1', checkpointId: 'cp1', gridId: 'g1', day, at: new Date().toISOString(), direction: 'in', temperatureC: 36.5, verdict: 'allow', reason: 'ok', fever: false, personId: null, expiresAt: Math.floor(Date.now() / 1000) + 86_400 }] }),
    }));
    expect((await drained(stack)).queues['scan-events']!.deadLettered).toBe(1);

    const run = firstline('redrive', '--queue', 'scan-events', '--url', stack.url);
    const after = await drained(stack);

    expect(run).toMatchObject({ status: 0, stdout: 'redrove 1 message\n' });
    expect(after.queues['scan-events']!.deadLettered).toBe(0);
    expect((await lab.records('g1', day)).map((r) => r['scanId'])).toContain('redriven-1');
    lab.close();
  });
});
