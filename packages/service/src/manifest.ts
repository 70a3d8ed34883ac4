/**
 * The one declaration of a Firstline district stack: tables, queues, functions, their HTTP routes,
 * queue triggers and schedules. The CDK app (infra/) and the local runtime (packages/local) are both
 * built from this data, so local and cloud cannot drift.
 */

import type { Role } from './edge.ts';
import type { DistrictKey, QueueName, TableName } from './resource-names.ts';

// The CLI reads these from here.
export { roles } from './edge.ts';
export type { QueueName } from './resource-names.ts';

export interface KeySpec {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

export interface TableSpec extends KeySpec {
  readonly name: TableName;
  readonly indexes: readonly ({ readonly name: string } & KeySpec)[];
  /** Items carry their expiry (epoch seconds) here; DynamoDB TTL in the cloud, a sweeper locally. */
  readonly ttlAttribute?: string;
  /**
   * Read and write units per second the table serves from the first second of the morning spike
   * (DynamoDB warm throughput, cloud only; on-demand tables start at 12,000 reads and 4,000 writes).
   */
  readonly warmThroughput?: { readonly readUnitsPerSecond: number; readonly writeUnitsPerSecond: number };
}

export interface QueueSpec {
  readonly name: QueueName;
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/v1/residents/{personId}`. */
  readonly path: string;
  readonly roles: readonly Role[];
  /** Answered without a token (the API document); every `/v1` route has one. */
  readonly public?: true;
  /** Bodies above this are refused with 413 before the handler parses them. */
  readonly maxBodyBytes?: number;
  /** This route's own API Gateway throttle (cloud); without one, `routeThrottles.default` applies. */
  readonly throttle?: RouteThrottle;
  /**
   * It answers with persons (masked names): only readers of this district, never the city's command
   * center, which reads member districts' command routes but no personal data (DESIGN.md).
   */
  readonly insideOnly?: true;
}

/** API Gateway's token bucket for one route: refilled at `rateLimit` a second, holding `burstLimit`. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface QueueTrigger {
  readonly queue: QueueName;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /**
   * Most concurrent invocations the queue's event source starts (Lambda `MaximumConcurrency`, 2-1000,
   * cloud only); the infra gives a trigger without one a small default, never an unbounded consumer.
   */
  readonly maxConcurrency?: number;
}

export interface ScheduleSpec {
  /** EventBridge Scheduler expression: a daily `cron(M H * * ? *)` in the district's time zone, or `rate(N minute(s))`. */
  readonly cron: string;
  /** Fires once a live bucket (`liveFold`): on every minute in the cloud, the local stack's shorter bucket locally. */
  readonly everyLiveBucket?: true;
}

export interface FunctionSpec {
  readonly name: string;
  /** Path of the handler module from the repository root; it exports `handler`. */
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly reads?: readonly TableName[];
  readonly writes?: readonly TableName[];
  readonly sends?: readonly QueueName[];
  readonly routes?: readonly RouteSpec[];
  readonly trigger?: QueueTrigger;
  readonly schedule?: ScheduleSpec;
  /** Tables the function reads whole with Scan; only these get `dynamodb:Scan` (none today). */
  readonly scans?: readonly TableName[];
  /**
   * Lambda reserved concurrency (cloud only): held for this function whatever the others do, and
   * its ceiling. Gate scans get one so nothing starves them; heavy report reads get one as a cap.
   */
  readonly reservedConcurrency?: number;
  /**
   * The district keys this function may read (each its own secret in the cloud, its own file
   * locally); a function that declares none is given none. See `districtKeys`.
   */
  readonly keys?: readonly DistrictKey[];
  /**
   * It talks to the provincial health-code service when the district has one: it is given the
   * service's address and the link the province gave the district (its credentials, public keys
   * and digest salt), and may read that link's secret. No other function learns of either.
   */
  readonly province?: true;
  /**
   * Its part in consented contact: `seal` (it takes a resident's number and may only encrypt it)
   * or `open` (the notifier: the only function that may decrypt a number, to send to it). In the
   * cloud the contact KMS key's grants follow this; locally, which half of the key file it is given.
   */
  readonly contactKey?: 'seal' | 'open';
  /** It sends SMS (Amazon SNS in the cloud, the outbox locally): the notifier only. */
  readonly sms?: true;
}

/**
 * The security headers of every page and API answer of the site (the cloud's CloudFront policy and
 * the local front): the dashboard and the app load only their own files, call only their own
 * origin, draw QR codes to data:/blob: images, and are never framed.
 */
export const siteContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
].join('; ');

/** The gate app reads QR codes with the camera; nothing on the site needs any other device. */
export const sitePermissionsPolicy = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * Per-route API Gateway throttles, sized for the morning spike of a Wuchang-sized district (about
 * 1.1 million people, 2,000 grids): 6,000 scans/s on `POST /v1/scans`.
 *   live single scans, 80 %:        0.8 × 6,000 = 4,800 scans/s, one a request  = 4,800 requests/s
 *   offline backlogs of 100, 20 %:  0.2 × 6,000 = 1,200 scans/s ÷ 100          =    12 requests/s
 *   one upload in five sent again after a lost answer: (4,800 + 12) × 1.2      = 5,774 requests/s
 *   20 % headroom for uneven seconds and retried 429s: 5,774 × 1.2 = 6,929     → 7,000 requests/s
 * Everything else is limited separately and far lower, so reports and writes can never take the
 * gates' share of the account's API Gateway quota: each route has its own bucket.
 */
export const routeThrottles = {
  gateScans: { rateLimit: 7000, burstLimit: 7000 },
  /** Every route without its own: resident reads, case, log and delivery writes, volunteer tasks. */
  default: { rateLimit: 100, burstLimit: 200 },
  /** A closed day reads one roll-up row per child; an open day reads every grid's counters (~1,000 RU). */
  dailyReport: { rateLimit: 10, burstLimit: 20 },
  /** Up to 30 days of roll-ups (~330 RU) or, for the listing, one snapshot per grid (~3,000 RU). */
  heavyReport: { rateLimit: 2, burstLimit: 4 },
  /** Whole-district documents (the registry, a group buy, a day's close): a person's action, not a device's. */
  bulkWrite: { rateLimit: 2, burstLimit: 4 },
  /** The care report: one counter per grid (~1,000 RU for a district), read by a few carers and the command center. */
  careReport: { rateLimit: 1, burstLimit: 2 },
  /** An admin watching a close run: one poll a second is plenty. */
  closeStatus: { rateLimit: 5, burstLimit: 10 },
  /** The public API document: no token, so a small bucket. */
  apiDocument: { rateLimit: 10, burstLimit: 20 },
  /** A resident giving or withdrawing their number: a person's action, rare. */
  contact: { rateLimit: 10, burstLimit: 20 },
  /**
   * Sampling points of a district-wide round: 1.1 million people in a morning (6 hours) is ~50
   * samples a second, most of them one a request; twice that for the first hour's crowd.
   */
  sampling: { rateLimit: 100, burstLimit: 200 },
  /** Antigen self-tests: a district's residents reporting over an evening (6 hours) ≈ 50/s, with headroom. */
  selfTests: { rateLimit: 60, burstLimit: 120 },
  /** A round's listing (a sampling point opening, a grid worker's screen) and its progress, read now and then, never polled fast. */
  roundReads: { rateLimit: 20, burstLimit: 40 },
} as const satisfies Record<string, RouteThrottle>;

const twoKeys = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const tables: readonly TableSpec[] = [
  // Registry, persons, cases, volunteers, deliveries and idempotency records.
  {
    name: 'core',
    ...twoKeys,
    indexes: [
      // Lists: a grid's deliveries by status, a grid-day's new cases.
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      // A volunteer's open tasks in walking order.
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
      // A household's deliveries, newest first: what a resident's app shows.
      { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
      // Residents by building: whom a testing round expects. Keyed on attributes the profile always
      // had (so residents registered before the index existed are in it: DynamoDB backfills) and that
      // no item holds as anything but a string (a fever scan's `personId` may be null: no key).
      { name: 'buildingItems', partitionKey: 'buildingId', sortKey: 'pk' },
    ],
    ttlAttribute: 'expiresAt',
    // At 6,000 scans/s: at most 1.5 RU a scan (the verdict route's reads) = 9,000 RU/s, under the
    // on-demand floor of 12,000; a household's outing spent per `out` scan, at most one write a scan.
    warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 6_000 },
  },
  // Person histories and packed scans (the source of truth for counts), kept for the district's retention window.
  // At 6,000 scans/s: claim 1.00 + packs and batch markers 0.06 WU a scan (pnpm bench) = 6,360 WU/s, plus
  // the refused puts of the 20 % duplicate uploads (1,200 × 2) = 8,760 → 9,000; reads 1.5 RU a scan = 9,000 RU/s.
  { name: 'scans', ...twoKeys, indexes: [], ttlAttribute: 'expiresAt', warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 9_000 } },
  // Daily counters and closed-day snapshots: what reports read.
  // The live fold writes each grid-day's counters once a minute (2,000 grids: ~33 WU/s) whatever the
  // scan rate, so writes stay at the on-demand floor's 4,000 (minus nothing to warm). Reads are bounded by
  // the report throttles: daily 10/s × ~1,000 RU + listing, battle map and series 2/s × 3,000, 2/s × 3,000
  // and 2/s × 330 = 22,660 RU/s → 24,000.
  { name: 'stats', ...twoKeys, indexes: [], warmThroughput: { readUnitsPerSecond: 24_000, writeUnitsPerSecond: 4_000 } },
];

export const queues: readonly QueueSpec[] = [
  // Lambda wants a visibility timeout of six times the consumer's timeout.
  { name: 'scan-events', visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
  { name: 'dispatch', visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
  // Closed grid-days to close again: a late case, a release, an approved late log (revise-days).
  { name: 'day-revisions', visibilityTimeoutSeconds: 360, maxReceiveCount: 5 },
  // A close's shards of grids (close-shard, 15 minutes at most each).
  { name: 'close-shards', visibilityTimeoutSeconds: 5_400, maxReceiveCount: 3 },
  // Case registrations and releases on their way to the provincial service (report-upward). A
  // failed report comes back after a backoff of 10 s doubling to 5 min; ten receives ride out about
  // half an hour of a provincial outage before the message waits in the DLQ for a redrive.
  { name: 'province-reports', visibilityTimeoutSeconds: 60, maxReceiveCount: 10 },
  // Notifications on their way to SMS (notifier, 10 s at most each): a failed send comes back four
  // times, then waits in the DLQ; a paced call's messages are delayed up to 15 minutes each.
  { name: 'notifications', visibilityTimeoutSeconds: 60, maxReceiveCount: 5 },
];

// Lambda's 6 MB invoke limit covers the whole event (headers, context, encoding), not only the body.
const registryBody = 5 * 1024 * 1024;

/** Every stack serves its own OpenAPI document, generated from the contracts, at `/openapi.json`. */
const openApi = (service: 'district' | 'city'): FunctionSpec => ({
  name: 'openapi',
  entry: `functions/openapi/${service}-openapi.ts`,
  memoryMb: 256,
  timeoutSeconds: 10,
  routes: [{ method: 'GET', path: '/openapi.json', roles: [], public: true, throttle: routeThrottles.apiDocument }],
});

export const functions: readonly FunctionSpec[] = [
  openApi('district'),
  {
    name: 'put-registry',
    entry: 'functions/registry/put-registry.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    writes: ['core'],
    routes: [{ method: 'PUT', path: '/v1/registry', roles: ['admin'], maxBodyBytes: registryBody, throttle: routeThrottles.bulkWrite }],
  },
  {
    name: 'register-resident',
    entry: 'functions/residents/register-resident.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    keys: ['pseudonym-key'],
    // Links the resident's provincial ID-number digest, the one moment the ID number is at hand.
    province: true,
    routes: [{ method: 'POST', path: '/v1/residents', roles: ['grid-worker', 'admin'] }],
  },
  {
    name: 'get-resident',
    entry: 'functions/residents/get-resident.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core', 'scans'],
    // No scanner: a gate's verdict already carries what it needs (name mask, building, colour); a
    // resident's view holds 14 days of every gate's scans and temperatures, which no gate needs.
    routes: [{ method: 'GET', path: '/v1/residents/{personId}', roles: ['grid-worker', 'admin', 'resident'] }],
  },
  {
    name: 'resident-household',
    entry: 'functions/residents/get-household.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/residents/{personId}/household', roles: ['grid-worker', 'admin', 'resident'] }],
  },
  {
    // A vulnerable household's needs, which its deliveries' priority follows (issue 16).
    name: 'put-household-needs',
    entry: 'functions/residents/put-household-needs.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    routes: [{ method: 'PUT', path: '/v1/households/{householdId}/needs', roles: ['grid-worker', 'admin'] }],
  },
  {
    name: 'post-care-visit',
    entry: 'functions/residents/post-care-visit.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/households/{householdId}/visits', roles: ['grid-worker'] }],
  },
  {
    // Urgent medical requests and their clocks (issue 16, §2): a resident for their own household.
    name: 'open-urgent-request',
    entry: 'functions/care/open-urgent-request.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/urgent-requests', roles: ['grid-worker', 'resident', 'scanner'] }],
  },
  {
    name: 'urgent-request-step',
    entry: 'functions/care/urgent-request-step.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/urgent-requests/{requestId}/steps', roles: ['grid-worker', 'dispatcher'] }],
  },
  {
    name: 'list-urgent-requests',
    entry: 'functions/care/list-urgent-requests.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    // Households and their needs stay in the district: the city reads aggregates only.
    routes: [{ method: 'GET', path: '/v1/urgent-requests', roles: ['grid-worker', 'dispatcher', 'command'], insideOnly: true }],
  },
  {
    // Every minute: urgent medical requests past their clock escalate (community, then street), each
    // level once; the overdue count is a metric with an alarm (infra), each escalation a log warning.
    name: 'watch-urgent-requests',
    entry: 'functions/care/watch-urgent-requests.ts',
    memoryMb: 256,
    timeoutSeconds: 50,
    reads: ['core'],
    writes: ['core'],
    schedule: { cron: 'rate(1 minute)' },
  },
  {
    // Every hour: each dialysis session of the next 12 hours gets its urgent request, and each chronic
    // patient's medicine due today its medical delivery (queued for dispatch), once.
    name: 'recurring-requests',
    entry: 'functions/care/recurring-requests.ts',
    memoryMb: 256,
    timeoutSeconds: 60,
    reads: ['core', 'stats'],
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    schedule: { cron: 'rate(60 minutes)' },
  },
  {
    // Work lists (issue 15, §3): who has to act. Persons on them stay in the district (`insideOnly`).
    name: 'list-fever-scans',
    entry: 'functions/work-lists/list-fever-scans.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/work-lists/fever-scans', roles: ['grid-worker', 'command'], insideOnly: true }],
  },
  {
    name: 'follow-up-fever-scan',
    entry: 'functions/work-lists/follow-up-fever-scan.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/work-lists/fever-scans/{scanId}/follow-up', roles: ['grid-worker'] }],
  },
  {
    name: 'list-open-cases',
    entry: 'functions/work-lists/list-open-cases.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/work-lists/open-cases', roles: ['grid-worker', 'command'], insideOnly: true }],
  },
  {
    name: 'list-quarantines-ending',
    entry: 'functions/work-lists/list-quarantines-ending.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/work-lists/quarantines-ending', roles: ['grid-worker', 'command'], insideOnly: true }],
  },
  {
    // One read of the day's logs per grid until a page is full: up to the district's grids, so the daily report's bucket.
    name: 'list-unreported-grids',
    entry: 'functions/work-lists/list-unreported-grids.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/work-lists/unreported-grids', roles: ['grid-worker', 'command'], throttle: routeThrottles.dailyReport }],
  },
  {
    name: 'list-household-needs',
    entry: 'functions/residents/list-household-needs.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    // Households and their needs stay in the district: the city reads aggregates only.
    routes: [{ method: 'GET', path: '/v1/households/needs', roles: ['grid-worker', 'dispatcher', 'command'], insideOnly: true }],
  },
  {
    name: 'issue-code',
    entry: 'functions/residents/issue-code.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    keys: ['code-signing-key'],
    routes: [{ method: 'GET', path: '/v1/residents/{personId}/code', roles: ['grid-worker', 'admin', 'resident'] }],
  },
  {
    name: 'code-keys',
    entry: 'functions/residents/code-keys.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    // The public half of the code-signing key: what a gate needs to judge a code while offline.
    keys: ['code-public-key'],
    routes: [{ method: 'GET', path: '/v1/keys/codes', roles: ['scanner', 'grid-worker', 'volunteer', 'dispatcher', 'command', 'admin'] }],
  },
  {
    name: 'post-scans',
    entry: 'functions/scans/post-scans.ts',
    // Verdicts verify up to 100 Ed25519 signatures a request: more memory buys more CPU.
    memoryMb: 1024,
    timeoutSeconds: 15,
    reads: ['core', 'scans'],
    writes: ['core', 'scans'],
    sends: ['scan-events'],
    // Verifies codes and hashes ID numbers; never signs.
    keys: ['pseudonym-key', 'code-public-key'],
    // The province's code, by the district's policy: verified online within 300 ms, else offline
    // with its cached public key and the colour last seen (core: the digest link and that colour).
    province: true,
    routes: [{ method: 'POST', path: '/v1/scans', roles: ['scanner'], throttle: routeThrottles.gateScans }],
    // Held for the gates whatever reports or writes do: 5,774 requests/s at the spike (routeThrottles)
    // at a mean of up to 138 ms each, or the route's full 7,000/s at up to 114 ms.
    reservedConcurrency: 800,
  },
  {
    // Every live bucket: the scans packed in it are added to the live counters (live-fold.ts). One
    // at a time: buckets are folded in order, each grid-day's counters once per bucket.
    name: 'fold-live-scans',
    entry: 'functions/scans/fold-live-scans.ts',
    memoryMb: 1024,
    timeoutSeconds: 50,
    reads: ['scans', 'stats'],
    writes: ['stats'],
    // On the minute: a bucket has settled a second before it (live-scans.ts).
    schedule: { cron: 'cron(* * * * ? *)', everyLiveBucket: true },
    reservedConcurrency: 1,
  },
  {
    name: 'scan-aggregator',
    entry: 'functions/scans/scan-aggregator.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    // core: a fever scan kept for its grid's follow-up (the work list).
    writes: ['scans', 'stats', 'core'],
    // At the spike ~5,800 messages/s = 58 batches of 100 a second; 50 consumers drain that at up to
    // 0.86 s a batch, each batch a handful of writes (its marker twice, a pack per read group and hour).
    trigger: { queue: 'scan-events', batchSize: 100, maxBatchingWindowSeconds: 1, maxConcurrency: 50 },
    // As many as the event source may start, so the poller is never throttled by other functions.
    reservedConcurrency: 50,
  },
  {
    name: 'post-case',
    entry: 'functions/cases/post-case.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    // The case also goes upward to the province, through its own queue (report-upward); a code turned
    // yellow or red is told to its person through the notifier's.
    sends: ['day-revisions', 'province-reports', 'notifications'],
    province: true,
    routes: [{ method: 'POST', path: '/v1/cases', roles: ['grid-worker'] }],
  },
  {
    name: 'release-case',
    entry: 'functions/cases/release-case.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    // The release also goes upward to the province, through its own queue (report-upward).
    sends: ['day-revisions', 'province-reports'],
    province: true,
    routes: [{ method: 'POST', path: '/v1/cases/{caseId}/release', roles: ['grid-worker'] }],
  },
  {
    // The second person a confirmed or central-quarantine case's release needs.
    name: 'approve-case-release',
    entry: 'functions/cases/approve-release.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    // The release also goes upward to the province, through its own queue (report-upward).
    sends: ['day-revisions', 'province-reports'],
    province: true,
    routes: [{ method: 'POST', path: '/v1/admin/cases/{caseId}/approve-release', roles: ['admin'] }],
  },
  {
    name: 'post-grid-log',
    entry: 'functions/grid-logs/post-grid-log.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    sends: ['day-revisions'],
    routes: [{ method: 'POST', path: '/v1/grid-logs', roles: ['grid-worker'] }],
  },
  {
    // A late log counts for certification only once an admin keeps it, with a reason.
    name: 'approve-grid-log',
    entry: 'functions/grid-logs/approve-log.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    sends: ['day-revisions'],
    routes: [{ method: 'POST', path: '/v1/admin/grid-logs/{logId}/approve', roles: ['admin'] }],
  },
  {
    // The same for up to 100 late logs with one reason (a street whose network was down all evening).
    name: 'approve-grid-logs',
    entry: 'functions/grid-logs/approve-logs.ts',
    memoryMb: 256,
    timeoutSeconds: 15,
    writes: ['core', 'stats'],
    sends: ['day-revisions'],
    routes: [{ method: 'POST', path: '/v1/admin/grid-logs/approve', roles: ['admin'] }],
  },
  {
    // A locked day reopened for one grid, so a log lost for longer than the backlog window can still be sent.
    name: 'reopen-grid-day',
    entry: 'functions/grid-logs/reopen-day.ts',
    memoryMb: 256,
    timeoutSeconds: 15,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/admin/grid-logs/reopen', roles: ['admin'] }],
  },
  {
    name: 'put-volunteer',
    entry: 'functions/deliveries/put-volunteer.ts',
    memoryMb: 256,
    timeoutSeconds: 15,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    routes: [{ method: 'PUT', path: '/v1/volunteers/{volunteerId}', roles: ['dispatcher'] }],
  },
  {
    name: 'post-delivery',
    entry: 'functions/deliveries/post-delivery.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    routes: [{ method: 'POST', path: '/v1/deliveries', roles: ['grid-worker', 'dispatcher', 'resident'] }],
  },
  {
    name: 'post-group-buy',
    entry: 'functions/deliveries/post-group-buy.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    routes: [{ method: 'POST', path: '/v1/group-buys', roles: ['dispatcher'], maxBodyBytes: 1024 * 1024, throttle: routeThrottles.bulkWrite }],
  },
  {
    name: 'get-delivery',
    entry: 'functions/deliveries/get-delivery.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/deliveries/{deliveryId}', roles: ['grid-worker', 'dispatcher', 'command', 'volunteer', 'admin'] }],
  },
  {
    name: 'list-deliveries',
    entry: 'functions/deliveries/list-deliveries.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/deliveries', roles: ['dispatcher', 'command'] }],
  },
  {
    name: 'volunteer-tasks',
    entry: 'functions/deliveries/volunteer-tasks.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/volunteers/{volunteerId}/tasks', roles: ['volunteer'] }],
  },
  {
    name: 'volunteer-duty',
    entry: 'functions/deliveries/put-volunteer-duty.ts',
    memoryMb: 256,
    timeoutSeconds: 15,
    reads: ['core'],
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    routes: [{ method: 'PUT', path: '/v1/volunteers/{volunteerId}/duty', roles: ['volunteer'] }],
  },
  {
    name: 'post-delivery-event',
    entry: 'functions/deliveries/post-delivery-event.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    // A delivery at the door is told to the household.
    sends: ['dispatch', 'notifications'],
    routes: [{ method: 'POST', path: '/v1/deliveries/{deliveryId}/events', roles: ['volunteer'] }],
  },
  {
    name: 'put-contact',
    entry: 'functions/reach/put-contact.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    // It seals the number it is given and may never open one.
    contactKey: 'seal',
    routes: [{ method: 'PUT', path: '/v1/residents/{personId}/contact', roles: ['resident', 'grid-worker', 'admin'], throttle: routeThrottles.contact }],
  },
  {
    name: 'withdraw-contact',
    entry: 'functions/reach/withdraw-contact.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'DELETE', path: '/v1/residents/{personId}/contact', roles: ['resident', 'grid-worker', 'admin'], throttle: routeThrottles.contact }],
  },
  {
    name: 'call-group-buy',
    entry: 'functions/reach/call-group-buy.ts',
    memoryMb: 256,
    timeoutSeconds: 29,
    reads: ['core'],
    sends: ['notifications'],
    routes: [{ method: 'POST', path: '/v1/group-buys/{groupBuyId}/calls', roles: ['dispatcher'], throttle: routeThrottles.bulkWrite }],
  },
  {
    name: 'open-test-round',
    entry: 'functions/testing/open-test-round.ts',
    memoryMb: 256,
    timeoutSeconds: 29,
    writes: ['core'],
    // Every household of the round's buildings is told its slot.
    sends: ['notifications'],
    routes: [{ method: 'POST', path: '/v1/test-rounds', roles: ['grid-worker', 'admin'], throttle: routeThrottles.bulkWrite }],
  },
  {
    name: 'list-test-rounds',
    entry: 'functions/testing/list-test-rounds.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/test-rounds', roles: ['scanner', 'grid-worker', 'admin'], throttle: routeThrottles.roundReads }],
  },
  {
    name: 'test-round-progress',
    entry: 'functions/testing/test-round-progress.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core'],
    // Who has not been tested, by name (masked): persons stay in the district.
    routes: [{ method: 'GET', path: '/v1/test-rounds/{roundId}', roles: ['grid-worker', 'admin'], insideOnly: true, throttle: routeThrottles.roundReads }],
  },
  {
    name: 'post-samples',
    entry: 'functions/testing/post-samples.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    // Reads a code as the gate does (never spends it) and hashes ID numbers.
    keys: ['pseudonym-key', 'code-public-key'],
    province: true,
    routes: [{ method: 'POST', path: '/v1/test-rounds/{roundId}/samples', roles: ['scanner', 'grid-worker'], insideOnly: true, throttle: routeThrottles.sampling }],
  },
  {
    name: 'post-test-results',
    entry: 'functions/testing/post-test-results.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    writes: ['core', 'stats'],
    // A positive opens a case: its day is closed again, the province told, the person told their code.
    sends: ['day-revisions', 'province-reports', 'notifications'],
    province: true,
    routes: [{ method: 'POST', path: '/v1/test-rounds/{roundId}/results', roles: ['grid-worker', 'admin'], insideOnly: true, throttle: routeThrottles.bulkWrite }],
  },
  {
    name: 'post-self-test',
    entry: 'functions/testing/post-self-test.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    sends: ['day-revisions', 'province-reports', 'notifications'],
    province: true,
    routes: [{ method: 'POST', path: '/v1/residents/{personId}/self-tests', roles: ['resident', 'grid-worker'], throttle: routeThrottles.selfTests }],
  },
  {
    name: 'notifier',
    entry: 'functions/reach/notifier.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    // The only function that may open a number, and the only one that sends SMS.
    contactKey: 'open',
    sms: true,
    // Throttled per district: two consumers at most, whatever a call or a morning of deliveries queues.
    trigger: { queue: 'notifications', batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 2 },
  },
  {
    name: 'dispatcher',
    entry: 'functions/deliveries/dispatcher.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    // Deliveries are thousands a day, not a second; few consumers keep volunteers' tasks uncontended.
    trigger: { queue: 'dispatch', batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 5 },
  },
  {
    name: 'daily-report',
    entry: 'functions/reports/daily-report.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/daily', roles: ['command', 'grid-worker', 'admin'], throttle: routeThrottles.dailyReport }],
    // A cap, so report reads never take the gates' concurrency: 10 requests/s at up to 1 s (an open day).
    reservedConcurrency: 10,
  },
  {
    name: 'report-series',
    entry: 'functions/reports/report-series.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/series', roles: ['command', 'grid-worker', 'admin'], throttle: routeThrottles.heavyReport }],
    // A cap: 2 requests/s at up to 4 s.
    reservedConcurrency: 8,
  },
  {
    name: 'epidemic-free',
    entry: 'functions/reports/epidemic-free.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/epidemic-free', roles: ['command', 'admin'], throttle: routeThrottles.heavyReport }],
    // A cap: 2 requests/s at up to 2 s.
    reservedConcurrency: 4,
  },
  {
    // Care of a day per unit (issue 16 §5): counters per grid-day, summed; today also what is open now.
    name: 'care-report',
    entry: 'functions/reports/care-report.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/care', roles: ['command', 'grid-worker', 'admin'], throttle: routeThrottles.careReport }],
    // A cap: 1 request/s at up to 2 s.
    reservedConcurrency: 2,
  },
  {
    // The battle map (挂图作战): one snapshot per grid on a closed day, the live counters on an open one.
    name: 'battle-map',
    entry: 'functions/reports/battle-map.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/map', roles: ['command', 'grid-worker', 'admin'], throttle: routeThrottles.heavyReport }],
    // A cap: 2 requests/s at up to 2 s.
    reservedConcurrency: 4,
  },
  {
    name: 'post-close-day',
    entry: 'functions/reports/post-close-day.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    writes: ['stats'],
    sends: ['close-shards'],
    routes: [{ method: 'POST', path: '/v1/admin/close-day', roles: ['admin'], throttle: routeThrottles.bulkWrite }],
  },
  {
    name: 'close-status',
    entry: 'functions/reports/close-status.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['stats'],
    routes: [{ method: 'GET', path: '/v1/admin/closes/{closeId}', roles: ['admin'], throttle: routeThrottles.closeStatus }],
  },
  {
    name: 'daily-close',
    entry: 'functions/reports/daily-close.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    writes: ['stats'],
    sends: ['close-shards'],
    // 00:10 district time: late gates have flushed their last scans of the day.
    schedule: { cron: 'cron(10 0 * * ? *)' },
  },
  {
    // One shard of a close: its grids' days recounted; the last shard done writes the roll-ups
    // (and sends them to the city) and starts the close that follows (the nightly week).
    name: 'close-shard',
    entry: 'functions/reports/close-shard.ts',
    memoryMb: 1024,
    timeoutSeconds: 900,
    reads: ['core', 'scans', 'stats'],
    writes: ['stats'],
    sends: ['city-rollup', 'close-shards'],
    // A 2,000-grid district is 40 shards: 20 at once close its day in two rounds, and keep the
    // close's reads (~3,000 RU/s) well inside the tables' warm throughput beside the gates.
    trigger: { queue: 'close-shards', batchSize: 1, maxBatchingWindowSeconds: 0, maxConcurrency: 20 },
  },
  {
    // Closes again, within a minute, the closed grid-days a late case, a release or an approved
    // late log changed, and every later streak of those grids, with the roll-ups of the days.
    name: 'revise-days',
    entry: 'functions/reports/revise-days.ts',
    memoryMb: 1024,
    timeoutSeconds: 60,
    reads: ['core', 'scans'],
    writes: ['stats'],
    sends: ['city-rollup'],
    // A few messages a day per grid at most; two consumers (Lambda's least) keep one grid's
    // revisions from racing each other often, and the nightly close re-closes the week anyway.
    trigger: { queue: 'day-revisions', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
  },
  {
    // Reports each four-category registration and release to the provincial service once, so the
    // province's colour follows what the grids found. Reaches the province over HTTPS with the
    // link the province gave the district (FIRSTLINE_PROVINCE_URL and its link secret).
    name: 'report-upward',
    entry: 'functions/province/report-upward.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    writes: ['core'],
    province: true,
    // A few hundred cases a day: two consumers, so an outage's backlog reaches a recovering
    // province gently rather than all at once.
    trigger: { queue: 'province-reports', batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 2 },
  },
];

/** What one kind of stack runs: a district's, or the city's. */
export interface ServiceManifest {
  readonly kind: 'district' | 'city';
  readonly tables: readonly TableSpec[];
  readonly queues: readonly QueueSpec[];
  readonly functions: readonly FunctionSpec[];
}

export const districtService: ServiceManifest = { kind: 'district', tables, queues, functions };

/**
 * The city stack: each district's close sends its day's aggregates (no person data) to
 * `city-rollup`; the aggregator keeps one row per district-day and the city's totals.
 */
export const cityService: ServiceManifest = {
  kind: 'city',
  tables: [{ name: 'city', ...twoKeys, indexes: [] }],
  queues: [{ name: 'city-rollup', visibilityTimeoutSeconds: 180, maxReceiveCount: 5 }],
  functions: [
    openApi('city'),
    {
      name: 'city-aggregator',
      entry: 'functions/city/city-aggregator.ts',
      memoryMb: 256,
      timeoutSeconds: 30,
      writes: ['city'],
      // A few messages per district a day.
      trigger: { queue: 'city-rollup', batchSize: 10, maxBatchingWindowSeconds: 0, maxConcurrency: 2 },
    },
    {
      name: 'city-daily-report',
      entry: 'functions/city/city-daily-report.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      reads: ['city'],
      routes: [{ method: 'GET', path: '/v1/city/reports/daily', roles: ['command'], throttle: routeThrottles.dailyReport }],
    },
    {
      name: 'city-report-series',
      entry: 'functions/city/city-report-series.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      reads: ['city'],
      routes: [{ method: 'GET', path: '/v1/city/reports/series', roles: ['command'], throttle: routeThrottles.heavyReport }],
    },
  ],
};

export const services = { district: districtService, city: cityService } as const;

export function findFunction(name: string): FunctionSpec {
  const found = functions.find((f) => f.name === name) ?? cityService.functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function named ${name} in the service manifest`);
  return found;
}
