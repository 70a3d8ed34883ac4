#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FirstlineClient } from '@firstline/client';

/**
 * `firstline`: the operator's command line. `token` and `export` talk to a stack's HTTP API;
 * `redrive` moves dead letters back to their queue after a fix (locally it finds the emulator
 * through `/local/status`; against AWS it uses the standard credentials and `--queue-url`).
 */
const usage: Record<string, string> = {
  token: `firstline token --role <role> --district <id> [--scopes a,b] [--url http://localhost:3000]
  Mints a bearer token on the local stack (POST /local/tokens) and prints it.`,
  export: `firstline export --level district|street|community|grid --id <id> --date YYYY-MM-DD --token <jwt> [--url …]
  Prints a daily report as CSV (one row per child).`,
  redrive: `firstline redrive --queue <scan-events|dispatch> [--district demo] [--url http://localhost:3000]
firstline redrive --queue-url <url> --dlq-url <url>     (against AWS, standard credentials)
  Moves every message in the queue's dead-letter queue back to the queue and prints how many.`,
};

class UsageError extends Error {}

function options(args: string[], spec: Record<string, { type: 'string' }>) {
  try {
    return parseArgs({ args, options: { ...spec, help: { type: 'boolean', short: 'h' } }, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
}

async function token(args: string[]): Promise<void> {
  const v = options(args, { role: { type: 'string' }, district: { type: 'string' }, scopes: { type: 'string' }, url: { type: 'string' } });
  if (v['help']) return console.log(usage['token']);
  required(v, 'role', 'district');
  const client = new FirstlineClient({ baseUrl: String(v['url'] ?? 'http://localhost:3000') });
  const scopes = v['scopes'] ? String(v['scopes']).split(',').filter(Boolean) : ['*'];
  console.log(await client.localToken({ role: String(v['role']), district: String(v['district']), scopes }));
}

async function exportReport(args: string[]): Promise<void> {
  const v = options(args, { level: { type: 'string' }, id: { type: 'string' }, date: { type: 'string' }, token: { type: 'string' }, url: { type: 'string' } });
  if (v['help']) return console.log(usage['export']);
  required(v, 'level', 'id', 'date', 'token');
  const client = new FirstlineClient({ baseUrl: String(v['url'] ?? 'http://localhost:3000'), token: String(v['token']) });
  const query = new URLSearchParams({ level: String(v['level']), id: String(v['id']), date: String(v['date']) });
  const res = await client.get<string>(`/v1/reports/daily?${query}`, { accept: 'text/csv' });
  if (res.status !== 200) throw new Error(`the stack answered ${res.status}: ${JSON.stringify(res.body)}`);
  process.stdout.write(res.body);
}

async function redrive(args: string[]): Promise<void> {
  const v = options(args, { queue: { type: 'string' }, district: { type: 'string' }, url: { type: 'string' }, 'queue-url': { type: 'string' }, 'dlq-url': { type: 'string' } });
  if (v['help']) return console.log(usage['redrive']);
  let sqs: SQSClient;
  let queueUrl: string;
  let dlqUrl: string;
  if (v['queue-url'] || v['dlq-url']) {
    required(v, 'queue-url', 'dlq-url');
    sqs = new SQSClient({});
    [queueUrl, dlqUrl] = [String(v['queue-url']), String(v['dlq-url'])];
  } else {
    required(v, 'queue');
    const url = String(v['url'] ?? 'http://localhost:3000');
    const status = (await new FirstlineClient({ baseUrl: url }).get<{ endpoints?: { sqs: string }; district?: string }>('/local/status')).body;
    if (!status.endpoints) throw new Error(`${url} is not a local stack; pass --queue-url and --dlq-url for AWS`);
    sqs = new SQSClient({ endpoint: status.endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
    const name = `firstline-${String(v['district'] ?? status.district ?? 'demo')}-${String(v['queue'])}`;
    const lookup = async (queueName: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl!;
    [queueUrl, dlqUrl] = await Promise.all([lookup(name), lookup(`${name}-dlq`)]);
  }
  let moved = 0;
  for (;;) {
    const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const messages = batch.Messages ?? [];
    if (messages.length === 0) break;
    // Sent before deleted: a crash in between leaves a duplicate, which every consumer absorbs, never a loss.
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '' })) }));
    if ((sent.Failed ?? []).length > 0) throw new Error(`the queue refused ${sent.Failed!.length} messages; nothing deleted from the DLQ`);
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    moved += messages.length;
  }
  console.log(`redrove ${moved} message${moved === 1 ? '' : 's'}`);
}

const commands: Record<string, (args: string[]) => Promise<void>> = { token, export: exportReport, redrive };

const [command, ...rest] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || command === 'help') {
  console.log(`firstline <command> [options]\n\n${Object.values(usage).join('\n\n')}`);
} else if (!commands[command]) {
  console.error(`firstline: unknown command ${command}; try firstline --help`);
  process.exitCode = 2;
} else {
  try {
    await commands[command](rest);
  } catch (error) {
    console.error(`firstline ${command}: ${(error as Error).message}`);
    if (error instanceof UsageError) console.error(usage[command]);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
