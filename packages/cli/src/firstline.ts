#!/usr/bin/env node
import { statSync } from 'node:fs';
// The manifest alone: the package's index also loads zod, which no command here needs to start.
import { roles } from '@firstline/service/manifest';
import { numberOption, options, optionsAndArguments, required, UsageError } from './args.ts';
import type { OptionValues } from './args.ts';
import { dateOption, exportLevels, idOption, oneOf, redriveQueues, scopesOption, text, tokenValue, urlValue } from './checks.ts';
import { connect, stackUrl } from './stack-url.ts';

/**
 * `firstline`: the operator's command line. `token` and `export` talk to a stack's HTTP API;
 * `redrive` moves dead letters back to their queue after a fix (locally it finds the emulator
 * through `/local/status`; against AWS it uses the standard credentials and `--queue-url`);
 * `import` loads a grid office's spreadsheet export; `results` a lab's results of a testing round;
 * `simulate` drives gates against a stack.
 */
const usage: Record<string, string> = {
  token: `firstline token --role <role> --district <id> [--scopes a,b] [--url <stack>]
  Mints a bearer token on the local stack (POST /local/tokens) and prints it.
  --role     ${roles.join(', ')}
  --scopes   ids the token may act on, separated by commas (default *: the whole district)`,
  export: `firstline export --level district|street|community|grid --id <id> --date YYYY-MM-DD --token <jwt> [--url …]
firstline export --level city --date YYYY-MM-DD --token <city command jwt> [--url …]
  Prints a daily report as CSV (one row per child; the city's: one row per district).`,
  redrive: `firstline redrive --queue <${redriveQueues.join('|')}> [--district <id>] [--url <stack>]
firstline redrive --queue-url <url> --dlq-url <url>     (against AWS, standard credentials)
  Moves every message in the queue's dead-letter queue back to the queue and prints how many.`,
  import: `firstline import --dir <folder> --token <admin jwt> [--url <stack>] [--dry-run]
firstline import --needs <file.csv> --token <grid-worker or admin jwt> [--url <stack>] [--dry-run]
  --dir imports a district's hierarchy and residents from CSV files, as a grid office exports them:
    district.csv     id,name,timeZone          (one row; timeZone optional)
    streets.csv      id,name
    communities.csv  id,name,streetId
    grids.csv        id,name,communityId
    buildings.csv    id,name,gridId
    checkpoints.csv  id,name,gridId
    residents.csv    idNumber,name,phone,buildingId,householdId   (optional)
  UTF-8 (with or without BOM), UTF-16, or GB18030/GBK (what Chinese Excel and WPS save as "CSV (逗号分隔)");
  CRLF or LF, quoted fields; header names ignore case and spaces, in English or in Chinese:
    编号 id · 名称/姓名 name · 时区 timeZone · 所属街道 streetId · 所属社区 communityId · 所属网格 gridId
    楼栋编号 buildingId · 户号 householdId · 身份证号 idNumber · 手机号/联系电话 phone
  Every row is checked first; each problem is printed as file:line: column: message and nothing is
  sent if there is any (exit 1). Then PUT /v1/registry and POST /v1/residents, 8 at a time.
  Re-running an import is safe: ids are upserted and identical residents are left unchanged.
  --needs imports a vulnerable-household register (关爱帮扶台账), one row a household:
    householdId,buildingId,needs,dueDate,dialysisDays,dialysisTime   (the last three optional)
    户号 householdId · 楼栋 buildingId · 需求 needs · 预产期 dueDate · 透析日 dialysisDays · 透析时间 dialysisTime
  needs: several in one cell, separated by 、 ， , ; or spaces, in English or Chinese: 独居老人 elderly-alone,
    残疾 disabled, 慢性病用药 chronic-medicine, 透析 dialysis, 孕产妇 pregnancy, 婴幼儿 infant,
    低保/特困 hardship, 精神障碍随访 mental-health; 无 (none) clears a household's needs.
  dueDate (with 孕产妇 only): 2026-03-05 or 2026/3/5. dialysisDays and dialysisTime (with 透析 only, both
    or neither): 一三五, 1,3,5 or 周一、周三、周五, and HH:MM. The same encodings and checks as above; then
    PUT /v1/households/{householdId}/needs, 8 at a time. A PUT replaces a household's needs, so
    re-running the same register changes nothing.
  --dry-run  checks the files and prints what would be sent, without sending anything (no --token needed).`,
  results: `firstline results --round <roundId> <file.csv> --token <grid-worker or admin jwt> [--url <stack>] [--dry-run]
  Sends a lab's results of a testing round (核酸 or 抗原), one row a tube, to POST /v1/test-rounds/{roundId}/results:
    试管编号/试管号/管号/条码 tubeId · 结果/检测结果 result
  result: 阴性 negative, 阳性 positive, 无效 invalid (阴性(-) and 阳性(+) too, any case). Other columns (姓名,
  采样时间 …) are ignored. The same encodings and headers as import: UTF-8 with or without BOM, UTF-16, GB18030;
  CRLF or LF; spaces around values trimmed. A bad row is printed as file:line: column: message and not
  sent; the others are sent in the file's order, 1,000 a request. Then a summary: recorded, unchanged,
  unknown tubes (no one sampled with them in the round) and conflicts by line, and the cases opened
  (a positive opens a suspected case in central isolation). Sending the same file again changes
  nothing and opens no second case. Exit 1 if any row was bad, unknown, conflicting or not sent.
  --dry-run  checks the file and prints what would be sent, without sending anything (no --token needed).`,
  simulate: `firstline simulate [--url <stack>] [--token <jwt> …] [--setup] [--gates 4] [--rate 10]
                  [--duration 30] [--offline-share 0.1] [--duplicate-share 0.2] [--deliveries N] [--grid-logs N]
                  [--concurrency 16] [--time-zone Asia/Shanghai] [--district <id>] [--json]
  Simulates gate scanners, deliveries and grid logs against a stack and prints what happened.
  --setup            first registers the gates, two buildings per two gates and their residents (sim-* ids), so
                     the gates can show their codes: in a district with a hierarchy (the seeded demo, an
                     imported one) inside the last grid of its last community, leaving its streets,
                     communities and grids as they are; in an empty district on a street of their own.
                     Without it, a previous --setup's registry is assumed and the gates read ID cards
  --gates N          gates (checkpoints sim-cp1…N); --rate scans per second over all gates; --duration seconds
  --offline-share S  share of gates that keep their scans and upload them as batches (of ≤ 100, and at the end)
  --duplicate-share S  share of uploads sent a second time, as a scanner that lost the answer would
  --deliveries N     delivery requests spread over the run (default: one per 10 s); --grid-logs N (default: one a grid)
  --token            repeat for each role: scanner, admin (--setup), grid-worker (codes, deliveries, grid logs);
                     without --token a local stack mints them (POST /local/tokens)
  --json             prints the summary as JSON
  Progress goes to stderr. Exit 1 if any request got a 5xx or no answer.`,
};
const urlHelp = `--url <stack>  the stack's address; without it FIRSTLINE_URL, else the address the running pnpm dev
               wrote to .data/url (<FIRSTLINE_DATA_DIR>/url), else http://localhost:3000.
Wrong input is refused before anything is sent: one line saying why, exit code 2; a failed call exits 1.`;

const help = (command: string) => console.log(`${usage[command]}\n\n${urlHelp}`);

/** Reports each role may read (manifest routes): the district's, and the city's. */
const reportRoles = ['command', 'grid-worker', 'admin'];

async function token(args: string[]): Promise<void> {
  const v = options(args, { role: { type: 'string' }, district: { type: 'string' }, scopes: { type: 'string' }, url: { type: 'string' } });
  if (v['help']) return help('token');
  required(v, 'role', 'district');
  const role = oneOf(v, 'role', roles)!;
  const district = idOption(v, 'district')!;
  const scopes = scopesOption(v, 'scopes') ?? ['*'];
  const target = stackUrl(text(v, 'url'));
  const res = await connect(target).post<{ token?: string }>('/local/tokens', { role, district, scopes });
  if (res.status === 404) throw new Error(`${target.url} is not a local stack (no /local/tokens); a cloud stack's tokens come from its identity provider`);
  if (res.status !== 200 || !res.body.token) throw new Error(`the stack answered ${res.status}: ${JSON.stringify(res.body)}`);
  console.log(res.body.token);
}

async function exportReport(args: string[]): Promise<void> {
  const v = options(args, { level: { type: 'string' }, id: { type: 'string' }, date: { type: 'string' }, token: { type: 'string' }, url: { type: 'string' } });
  if (v['help']) return help('export');
  const level = oneOf(v, 'level', exportLevels);
  const city = level === 'city';
  required(v, 'level', ...(city ? [] : ['id']), 'date', 'token');
  if (city && v['id'] !== undefined) throw new UsageError('--level city takes no --id (the token names the city)');
  const id = idOption(v, 'id');
  const date = dateOption(v, 'date')!;
  const jwt = text(v, 'token')!;
  tokenValue(jwt, '--token', city ? ['command'] : reportRoles);
  const client = connect(stackUrl(text(v, 'url')), jwt);
  const csv = { accept: 'text/csv' };
  const res = level === 'city'
    ? await client.call('GET /v1/city/reports/daily', { query: { date } }, csv)
    : await client.call('GET /v1/reports/daily', { query: { level: level!, id: id!, date } }, csv);
  if (res.status !== 200) throw new Error(`the stack answered ${res.status}: ${JSON.stringify(res.body)}`);
  // The stack starts its CSV with a UTF-8 byte-order mark, so Excel and WPS read it as UTF-8; decoding
  // the answer drops it, and a file written from this output must keep it.
  const csvText = String(res.body);
  process.stdout.write(csvText.startsWith('\uFEFF') ? csvText : `\uFEFF${csvText}`);
}

async function redrive(args: string[]): Promise<void> {
  const v = options(args, { queue: { type: 'string' }, district: { type: 'string' }, url: { type: 'string' }, 'queue-url': { type: 'string' }, 'dlq-url': { type: 'string' } });
  if (v['help']) return help('redrive');
  const aws = v['queue-url'] !== undefined || v['dlq-url'] !== undefined;
  if (aws) {
    required(v, 'queue-url', 'dlq-url');
    const local = ['queue', 'district', 'url'].filter((name) => v[name] !== undefined);
    if (local.length > 0) throw new UsageError(`--queue-url and --dlq-url name the queues themselves; drop ${local.map((n) => `--${n}`).join(', ')}`);
  } else {
    required(v, 'queue');
  }
  const queue = oneOf(v, 'queue', redriveQueues);
  const district = idOption(v, 'district');
  const awsUrls = aws ? [urlValue(text(v, 'queue-url')!, '--queue-url'), urlValue(text(v, 'dlq-url')!, '--dlq-url')] as const : undefined;
  const target = stackUrl(text(v, 'url'));
  // Loaded once the options are known good: the AWS SDK takes longer to load than the other commands take to run.
  const { DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } = await import('@aws-sdk/client-sqs');
  let sqs: InstanceType<typeof SQSClient>;
  let queueUrl: string;
  let dlqUrl: string;
  if (awsUrls) {
    sqs = new SQSClient({});
    [queueUrl, dlqUrl] = awsUrls;
  } else {
    const status = (await connect(target).get<{ endpoints?: { sqs: string }; district?: string }>('/local/status')).body;
    if (!status.endpoints) throw new Error(`${target.url} is not a local stack; pass --queue-url and --dlq-url for AWS`);
    sqs = new SQSClient({ endpoint: status.endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
    const name = `firstline-${district ?? status.district ?? 'demo'}-${queue!}`;
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

async function importFolder(args: string[]): Promise<void> {
  const v = options(args, { dir: { type: 'string' }, needs: { type: 'string' }, token: { type: 'string' }, url: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  if (v['help']) return help('import');
  if (v['needs'] !== undefined) return importNeeds(v);
  required(v, 'dir');
  if (!v['dry-run']) required(v, 'token');
  const dir = text(v, 'dir')!;
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--dir ${dir} is not a folder`);
  const jwt = text(v, 'token');
  if (jwt !== undefined) tokenValue(jwt, '--token', ['admin']);
  const stack = stackUrl(text(v, 'url'));
  // Loaded on demand: the schemas and CSV parser would slow every other command's start for nothing.
  const { runImport } = await import('./import-command.ts');
  const ok = await runImport({ dir, stack, dryRun: Boolean(v['dry-run']), ...(jwt !== undefined ? { token: jwt } : {}) });
  if (!ok) process.exitCode = 1;
}

/** `import --needs`: one register file rather than a district's folder, sent with a grid worker's token or an admin's. */
async function importNeeds(v: OptionValues): Promise<void> {
  if (v['dir'] !== undefined) throw new UsageError('--dir imports a district\'s folder and --needs one needs register; import them one at a time');
  required(v, 'needs');
  if (!v['dry-run']) required(v, 'token');
  const file = text(v, 'needs')!;
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--needs ${file} is not a file`);
  const jwt = text(v, 'token');
  if (jwt !== undefined) tokenValue(jwt, '--token', ['grid-worker', 'admin']);
  const stack = stackUrl(text(v, 'url'));
  const { runNeedsImport } = await import('./import-command.ts');
  const ok = await runNeedsImport({ file, stack, dryRun: Boolean(v['dry-run']), ...(jwt !== undefined ? { token: jwt } : {}) });
  if (!ok) process.exitCode = 1;
}

async function results(args: string[]): Promise<void> {
  const { values: v, positionals } = optionsAndArguments(args, { round: { type: 'string' }, token: { type: 'string' }, url: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  if (v['help']) return help('results');
  required(v, 'round');
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the lab\'s results file (file.csv)' : `one results file at a time, not ${positionals.length}`);
  if (!v['dry-run']) required(v, 'token');
  const roundId = idOption(v, 'round')!;
  const file = positionals[0]!;
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${file} is not a file`);
  const jwt = text(v, 'token');
  if (jwt !== undefined) tokenValue(jwt, '--token', ['grid-worker', 'admin']);
  const stack = stackUrl(text(v, 'url'));
  const { runResults } = await import('./results-command.ts');
  const ok = await runResults({ file, roundId, stack, dryRun: Boolean(v['dry-run']), ...(jwt !== undefined ? { token: jwt } : {}) });
  if (!ok) process.exitCode = 1;
}

async function simulate(args: string[]): Promise<void> {
  const v = options(args, {
    url: { type: 'string' }, token: { type: 'string', multiple: true }, district: { type: 'string' }, setup: { type: 'boolean' },
    gates: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, 'offline-share': { type: 'string' },
    'duplicate-share': { type: 'string' }, deliveries: { type: 'string' }, 'grid-logs': { type: 'string' },
    concurrency: { type: 'string' }, 'time-zone': { type: 'string' }, json: { type: 'boolean' },
  });
  if (v['help']) return help('simulate');
  const gates = numberOption(v, 'gates', 4, { min: 1, max: 200, integer: true });
  const durationSeconds = numberOption(v, 'duration', 30, { min: 1, max: 86_400 });
  const timeZone = String(v['time-zone'] ?? 'Asia/Shanghai');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(`--time-zone ${timeZone} is not an IANA time zone`);
  }
  const tokens = (v['token'] as string[] | undefined) ?? [];
  for (const jwt of tokens) tokenValue(jwt);
  const district = idOption(v, 'district');
  const settings = {
    stack: stackUrl(text(v, 'url')),
    tokens,
    ...(district !== undefined ? { district } : {}),
    setup: Boolean(v['setup']),
    gates,
    rate: numberOption(v, 'rate', 10, { min: 0.01, max: 10_000 }),
    durationSeconds,
    offlineShare: numberOption(v, 'offline-share', 0.1, { min: 0, max: 1 }),
    duplicateShare: numberOption(v, 'duplicate-share', 0.2, { min: 0, max: 1 }),
    deliveries: numberOption(v, 'deliveries', Math.max(1, Math.round(durationSeconds / 10)), { min: 0, max: 100_000, integer: true }),
    gridLogs: numberOption(v, 'grid-logs', Math.ceil(gates / 2), { min: 0, max: 100_000, integer: true }),
    concurrency: numberOption(v, 'concurrency', 16, { min: 1, max: 256, integer: true }),
    timeZone,
    json: Boolean(v['json']),
  };
  const { runSimulation } = await import('./simulate.ts');
  if (!(await runSimulation(settings))) process.exitCode = 1;
}

const commands: Record<string, (args: string[]) => Promise<void>> = { token, export: exportReport, redrive, import: importFolder, results, simulate };

const [command, ...rest] = process.argv.slice(2);
if (!command || command === '--help' || command === '-h' || command === 'help') {
  console.log(`firstline <command> [options]\n\n${Object.values(usage).join('\n\n')}\n\n${urlHelp}`);
} else if (!commands[command]) {
  console.error(`firstline: unknown command ${command}; try firstline --help`);
  process.exitCode = 2;
} else {
  try {
    await commands[command](rest);
  } catch (error) {
    // One line: wrong input names the option and what it may be; the usage is one --help away.
    const hint = error instanceof UsageError ? ` (firstline ${command} --help)` : '';
    console.error(`firstline ${command}: ${(error as Error).message}${hint}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}
