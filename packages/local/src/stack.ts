import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sampleResidents } from '@firstline/adapters/dynamodb/resident-sample';
import { ScanCountStore } from '@firstline/adapters/dynamodb/scan-count-store';
import { liveBucketOf } from '@firstline/domain';
import { instrumentFromEnv } from '@firstline/adapters/instrumentation';
import { dashboardDir } from '@firstline/dashboard';
import type { ServiceManifest } from '@firstline/service';
import type { DistrictKey } from '@firstline/service';
import { districtService, envNames, keyEnvNames } from '@firstline/service';
import { liveFold } from '@firstline/service/live-fold';
import type { EmulatorEndpoints, Emulators, StackResources } from './emulators.ts';
import { connectEmulators, localCredentials, localRegion, provisionStack, startEmulators } from './emulators.ts';
import { keepAliveTimeoutMs, secureResponse } from './front.ts';
import { Gateway, readBody, sendError } from './gateway.ts';
import { contactKeyFiles, districtKeysFiles, tokenSigningKey } from './keys.ts';
import { QueuePoller } from './pollers.ts';
import { invoke } from './handlers.ts';
import { scheduledEvent, Scheduler } from './scheduler.ts';
import { queueStatus } from './status.ts';
import { sweepExpired } from './sweeper.ts';
import { TokenAuthority, tokenRequest } from './tokens.ts';

/** The city a stack belongs to (a district) or is (the city stack). */
export interface LocalCity {
  readonly id: string;
  readonly name: string;
  readonly districts: readonly string[];
  /** Where districts send their closed days. */
  readonly queueUrl?: string;
}

export interface LocalStackOptions {
  /** What runs: a district (default) or the city. */
  readonly service?: ServiceManifest;
  /** The stack's id: the district's, or the city's. */
  readonly district: string;
  readonly city?: LocalCity;
  /** Emulators that another process runs; without them the stack starts its own under `dataDir`. */
  readonly endpoints?: EmulatorEndpoints;
  readonly dataDir: string;
  readonly port: number;
  readonly timeZone?: string;
  /** Parallel invocations per queue trigger. */
  readonly pollerConcurrency?: number;
  readonly sweepEverySeconds?: number;
  /** Overrides the manifest's queue visibility timeouts (tests of redelivery). */
  readonly visibilityTimeoutSeconds?: number;
  /** False leaves the queues alone (a benchmark that invokes consumers itself). */
  readonly pollers?: boolean;
  /** Overrides the local live fold's times (`localLiveFold`): a benchmark folds its whole run as one bucket. */
  readonly liveFold?: Partial<typeof liveFold>;
}

/**
 * The live view locally: quarter-second buckets folded as soon as they settle, so a test or a
 * person at the dashboard sees a scan counted within a second rather than a minute. Nothing times
 * a local invocation out, so a batch begun and not yet counted holds its bucket back for 10 s, long
 * enough for a machine busy with a whole test run (in the cloud, the aggregator's 30 s timeout).
 */
export const localLiveFold = { ...liveFold, bucketSeconds: 0.25, settleSeconds: 0.25, graceSeconds: 10 };

export interface LocalStack {
  readonly url: string;
  readonly district: string;
  readonly emulators: Emulators;
  readonly resources: StackResources;
  readonly tokens: TokenAuthority;
  stop(): Promise<void>;
}

/** Points the handlers, which read their environment once per container, at the local resources. */
function handlerEnvironment(
  options: LocalStackOptions, emulators: Emulators, resources: StackResources, keyFiles: Readonly<Partial<Record<DistrictKey, string>>>,
  contact: { readonly sealFile: string; readonly openFile: string; readonly outboxFile: string } | undefined,
): Record<string, string> {
  const city = options.city;
  return {
    [envNames.district]: options.district,
    ...(city ? { [envNames.city]: city.id, [envNames.cityName]: city.name, [envNames.cityDistricts]: city.districts.join(',') } : {}),
    ...(city?.queueUrl ? { [envNames.queueUrl('city-rollup')]: city.queueUrl } : {}),
    [envNames.timeZone]: options.timeZone ?? 'Asia/Shanghai',
    [envNames.liveFold]: JSON.stringify({ ...localLiveFold, ...options.liveFold }),
    // Every key's file: the functions of a stack share this process, and each reads only the keys
    // it declares in the manifest (the runtime's choice; in the cloud IAM enforces it).
    ...Object.fromEntries(Object.entries(keyFiles).map(([key, file]) => [keyEnvNames.file(key as DistrictKey), file])),
    // Both halves of the contact key, and the notifier's outbox: the runtime gives each function its half only.
    ...(contact ? { [envNames.contactSealKeyFile]: contact.sealFile, [envNames.contactOpenKeyFile]: contact.openFile, [envNames.outboxFile]: contact.outboxFile } : {}),
    ...Object.fromEntries(Object.entries(resources.tables).map(([t, name]) => [envNames.table(t as never), name])),
    ...Object.fromEntries(Object.entries(resources.queueUrls).map(([q, url]) => [envNames.queueUrl(q as never), url])),
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: emulators.sqsEndpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_DEV: process.env['POWERTOOLS_DEV'] ?? 'true',
    POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'WARN',
  };
}

/** The command-center dashboard's static files, served at `/` like the cloud's static site. */
const dashboardAssets = new Map([
  ['/', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/index.html', { file: 'index.html', type: 'text/html; charset=utf-8' }],
  ['/app.js', { file: 'app.js', type: 'text/javascript; charset=utf-8' }],
  ['/style.css', { file: 'style.css', type: 'text/css; charset=utf-8' }],
]);

/**
 * The front-line app (packages/frontline/public) at `/app/`. Its URLs are relative, so the same
 * files work under a district's mount (`/districts/<id>/app/`); `/app` is sent on to `app/` for
 * that reason. Text is gzipped as the cloud's CDN would, so a phone on a slow link gets what it would.
 */
const frontlineDir = fileURLToPath(new URL('../../frontline/public/', import.meta.url));
const frontlineTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

async function serveFrontline(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method !== 'GET' || (url.pathname !== '/app' && !url.pathname.startsWith('/app/'))) return false;
  if (url.pathname === '/app') {
    res.writeHead(301, { location: `app/${url.search}` }).end();
    return true;
  }
  const relative = normalize(url.pathname.slice('/app/'.length) || 'index.html');
  const type = frontlineTypes[extname(relative)];
  const body = type && !relative.startsWith('..') ? await readFile(join(frontlineDir, relative)).catch(() => undefined) : undefined;
  if (!type || !body) return false;
  // The service worker fetches the shell again right after the first visit: revalidate, do not resend.
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, 'cache-control': 'no-cache' }).end();
    return true;
  }
  const gzip = type !== 'image/png' && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache', etag, vary: 'accept-encoding', ...(gzip ? { 'content-encoding': 'gzip' } : {}) })
    .end(gzip ? gzipSync(body) : body);
  return true;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/**
 * One district (or the city) on this machine: its tables and queues from the manifest on the
 * emulators (its own, data under `dataDir`, or shared ones), the gateway, queue pollers, schedules
 * and the TTL sweeper, plus the local-only routes `/local/tokens`, `/local/status`, `/local/outbox`
 * (what the notifier sent) and `/local/schedules/{function}` (a scheduled function run now).
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const service = options.service ?? districtService;
  const { functions, tables } = service;
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // The city holds no district key.
  const keyFiles = service === districtService ? await districtKeysFiles(dataDir, options.district) : {};
  const outboxFile = join(dataDir, 'outbox', `${options.district}.jsonl`);
  const contact = service === districtService ? { ...(await contactKeyFiles(dataDir, options.district)), outboxFile } : undefined;
  const tokens = await TokenAuthority.fromJwk(await tokenSigningKey(join(dataDir, 'keys', 'token-signing.json')));
  const emulators = options.endpoints ? connectEmulators(options.endpoints) : await startEmulators(dataDir);
  const resources = await provisionStack(emulators, service, options.district, options.visibilityTimeoutSeconds);
  Object.assign(process.env, handlerEnvironment(options, emulators, resources, keyFiles, contact));
  // Benchmarks meter capacity and fault suites throttle writes; never installed otherwise.
  instrumentFromEnv();

  const gateway = new Gateway(options.district, tokens, functions);
  const fold = { ...localLiveFold, ...options.liveFold };
  const scans = new ScanCountStore(DynamoDBDocumentClient.from(emulators.dynamodb), { scans: resources.tables['scans']!, stats: resources.tables['stats']! });
  /** Whether every batch begun so far was folded into the live counters (a test waits for that after a drain). */
  const liveStatus = async () => {
    const [folded, newest] = await Promise.all([scans.foldedThrough(), scans.newestBatchBucket(liveBucketOf(new Date(), fold))]);
    return { foldedThrough: folded ?? null, newestBatch: newest ?? null, folded: newest === undefined || (folded !== undefined && newest <= folded) };
  };
  const localRoutes = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method === 'POST' && url.pathname === '/local/tokens') {
      const body = await readBody(req, 64 * 1024);
      let parsed;
      try {
        parsed = tokenRequest.safeParse(JSON.parse(body.toString()));
      } catch {
        return sendError(res, 400, 'validation', 'request body is not valid JSON');
      }
      if (!parsed.success) return sendError(res, 400, 'validation', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return json(res, 200, { token: await tokens.sign(parsed.data) });
    }
    const asset = req.method === 'GET' ? dashboardAssets.get(url.pathname) : undefined;
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' }).end(await readFile(join(dashboardDir, asset.file)));
      return;
    }
    if (await serveFrontline(req, res, url)) return;
    if (req.method === 'GET' && url.pathname === '/local/residents' && service === districtService) {
      // Local only, like the tokens above: lets a demo or a test sign in as a seeded resident.
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 5) || 5, 1), 50);
      const items = await sampleResidents(DynamoDBDocumentClient.from(emulators.dynamodb), resources.tables.core!, limit);
      return json(res, 200, { items: items.map(({ personId, nameMasked, householdId, buildingId, gridId }) => ({ personId, nameMasked, householdId, buildingId, gridId })) });
    }
    const scheduled = req.method === 'POST' ? /^\/local\/schedules\/([a-z0-9-]+)$/.exec(url.pathname) : null;
    if (scheduled) {
      // Local only: runs a scheduled function now, as its schedule would at `time` (default now), so
      // a demo or a test need not wait for midnight or a missed clock.
      const fn = functions.find((f) => f.name === scheduled[1] && f.schedule);
      if (!fn) return sendError(res, 404, 'not-found', `no scheduled function ${scheduled[1]}`);
      const body = (await readBody(req, 4 * 1024)).toString();
      let time: Date;
      try {
        time = body ? new Date(String((JSON.parse(body) as { time?: unknown }).time ?? new Date().toISOString())) : new Date();
      } catch {
        return sendError(res, 400, 'validation', 'request body is not valid JSON');
      }
      if (Number.isNaN(time.getTime())) return sendError(res, 400, 'validation', 'time: not an instant');
      return json(res, 200, await invoke(fn, options.district, scheduledEvent(time)));
    }
    if (req.method === 'GET' && url.pathname === '/local/outbox' && contact) {
      // Local only: what the notifier sent, as an SMS gateway would have (numbers masked); one person's with `personId`.
      const personId = url.searchParams.get('personId');
      const items = (await readFile(contact.outboxFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { personId: string });
      return json(res, 200, { items: personId ? items.filter((i) => i.personId === personId) : items });
    }
    if (req.method === 'GET' && url.pathname === '/local/status') {
      return json(res, 200, {
        district: options.district,
        queues: await queueStatus(emulators.sqs, resources),
        endpoints: { dynamodb: emulators.dynamodbEndpoint, sqs: emulators.sqsEndpoint },
        tables: resources.tables,
        ...(service === districtService && { live: await liveStatus() }),
      });
    }
    sendError(res, 404, 'not-found', `no route ${req.method} ${url.pathname}`);
  };
  const server = createServer((req, res) => {
    // The dashboard, the app and every API answer carry the site's security headers, as behind the cloud's CDN.
    secureResponse(res);
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    gateway.handle(req, res, url)
      .then((handled) => (handled ? undefined : localRoutes(req, res, url)))
      .catch((error: unknown) => {
        console.error('[local] request failed:', error);
        if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
      });
  });

  const pollers: QueuePoller[] = [];
  for (const fn of functions) {
    if (!fn.trigger || options.pollers === false) continue;
    const queueUrl = resources.queueUrls[fn.trigger.queue]!;
    const arn = await emulators.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    const poller = new QueuePoller(fn, {
      sqs: emulators.sqs, district: options.district, queueUrl, queueArn: arn.Attributes!.QueueArn!,
      concurrency: options.pollerConcurrency ?? 2,
    });
    poller.start();
    pollers.push(poller);
  }
  const scheduler = new Scheduler();
  scheduler.start(functions, options.district, options.timeZone ?? 'Asia/Shanghai', fold.bucketSeconds);
  const sweep = async () => {
    for (const spec of tables) await sweepExpired(emulators.dynamodb, spec, resources.tables[spec.name]!);
  };
  const sweeper = setInterval(() => void sweep().catch((e: unknown) => console.error('[sweeper]', e)), (options.sweepEverySeconds ?? 60) * 1000);

  server.keepAliveTimeout = keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url,
    district: options.district,
    emulators,
    resources,
    tokens,
    stop: async () => {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.all(pollers.map((p) => p.stop()));
      await scheduler.stop();
      await emulators.stop();
    },
  };
}
