import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '@firstline/domain';
import { roles, services } from '@firstline/service';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, emulatorClients } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

const cli = fileURLToPath(new URL('../../packages/cli/src/firstline.ts', import.meta.url));
let stack: RunningStack;
/** A data dir no `pnpm dev` wrote its address to, so a command without --url tries the default. */
const noDev = { FIRSTLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'firstline-cli-')), FIRSTLINE_URL: '' };

function firstline(...args: string[]) {
  return firstlineWith(noDev, ...args);
}

function firstlineWith(env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** An address nothing listens on: a port the system just gave out and took back. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
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

  it('checks every option before any call: wrong input is one line and exit code 2, with no stack to reach', async () => {
    const url = await closedAddress();
    const command = 'eyJhbGciOiJFZERTQSJ9.eyJyb2xlIjoiY29tbWFuZCIsImRpc3RyaWN0IjoiZGVtbyJ9.c2ln';
    const scanner = 'eyJhbGciOiJFZERTQSJ9.eyJyb2xlIjoic2Nhbm5lciIsImRpc3RyaWN0IjoiZGVtbyJ9.c2ln';
    const wrong: [string[], string][] = [
      [['token', '--role', 'emperor', '--district', 'demo'], `--role "emperor" is not one of: ${roles.join(', ')}`],
      [['token', '--role', 'admin', '--district', 'de mo'], '--district "de mo" is not an id'],
      [['token', '--role', 'admin', '--district', 'demo', '--scopes', 'g1;g2'], '--scopes "g1;g2" must be ids separated by commas'],
      [['token', '--rol', 'admin'], 'unknown option --rol; the options are --role, --district, --scopes, --url, --help'],
      [['token', '--role', 'admin', '--district', 'demo', '--url', 'localhost:3000'], '--url "localhost:3000" is not an http or https URL'],
      [['export', '--level', 'town', '--id', 'x', '--date', '2020-03-12', '--token', command], '--level "town" is not one of: district, street, community, grid, city'],
      [['export', '--level', 'grid', '--id', 'g1', '--date', '2020-02-30', '--token', command], '--date "2020-02-30" is not a date as YYYY-MM-DD'],
      [['export', '--level', 'grid', '--id', 'g1', '--date', '2020-03-12', '--token', 'secret'], '--token is not a JWT'],
      [['export', '--level', 'city', '--date', '2020-03-12', '--token', scanner], '--token is a scanner token; this needs a token with role command'],
      [['export', '--level', 'city', '--id', 'x', '--date', '2020-03-12', '--token', command], '--level city takes no --id'],
      [['redrive', '--queue', 'scans'], `--queue "scans" is not one of: ${[...new Set(Object.values(services).flatMap((s) => s.queues.map((q) => q.name)))].join(', ')}`],
      [['redrive', '--queue', 'dispatch', '--district', '#1'], '--district "#1" is not an id'],
      [['redrive', '--queue-url', 'http://q', '--dlq-url', 'sqs'], '--dlq-url "sqs" is not a URL'],
      [['import', '--dir', 'no/such/folder', '--dry-run'], '--dir no/such/folder is not a folder'],
      [['import', '--dir', 'test/fixtures/import/good', '--token', command], '--token is a command token; this needs a token with role admin'],
      [['simulate', '--token', 'secret'], '--token is not a JWT'],
      [['simulate', '--district', 'a b'], '--district "a b" is not an id'],
      [['simulate', '--time-zone', 'Mars/Olympus'], '--time-zone Mars/Olympus is not an IANA time zone'],
    ];

    for (const [args, reason] of wrong) {
      const run = firstline(...args, ...(args.includes('--url') || args.includes('--queue-url') || args.includes('--dry-run') ? [] : ['--url', url]));

      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(reason);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr, args.join(' ')).not.toContain('cannot reach');
    }
  });

  it('knows the roles and queues the manifest declares', () => {
    const help = firstline('token', '--help');
    const queues = Object.values(services).flatMap((s) => s.queues.map((q) => q.name));

    expect(help.stdout).toContain(`--role     ${roles.join(', ')}`);
    for (const queue of queues) expect(firstline('redrive', '--help').stdout + firstline('redrive', '--queue', 'x').stderr).toContain(queue);
  });

  it('finds the stack pnpm dev started from the address it wrote, and names the address when nothing answers', async () => {
    const url = await closedAddress();

    const found = firstlineWith({ FIRSTLINE_DATA_DIR: stack.dataDir, FIRSTLINE_URL: '' }, 'token', '--role', 'command', '--district', 'demo');
    const fromEnv = firstlineWith({ ...noDev, FIRSTLINE_URL: url }, 'token', '--role', 'command', '--district', 'demo');
    const fromOption = firstline('token', '--role', 'command', '--district', 'demo', '--url', url);

    expect(found.status, found.stderr).toBe(0);
    expect(found.stdout).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(fromEnv.status).toBe(1);
    expect(fromEnv.stderr).toContain(`cannot reach ${url} (from FIRSTLINE_URL): ECONNREFUSED; change or unset FIRSTLINE_URL`);
    expect(fromOption.status).toBe(1);
    expect(fromOption.stderr).toContain(`cannot reach ${url} (from --url): ECONNREFUSED; start the local stack with pnpm dev, or pass --url`);
  });

  it('mints a token and exports a report as CSV', () => {
    const token = firstline('token', '--role', 'command', '--district', 'demo', '--url', stack.url);
    expect(token.status).toBe(0);

    const csv = firstline('export', '--level', 'community', '--id', 'c1', '--date', '2020-03-12', '--token', token.stdout.trim(), '--url', stack.url);

    expect(csv.status, csv.stderr).toBe(0);
    // A grid office's spreadsheet reads it: a UTF-8 byte-order mark and the Chinese header by default.
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^\uFEFF层级,编号,名称,日期,是否终版,/);
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
