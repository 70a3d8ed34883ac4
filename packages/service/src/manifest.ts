/**
 * The one declaration of a Firstline district stack: tables, queues, functions, their HTTP routes,
 * queue triggers and schedules. The CDK app (infra/) and the local runtime (packages/local) are both
 * built from this data, so local and cloud cannot drift.
 */

export const roles = ['scanner', 'grid-worker', 'volunteer', 'dispatcher', 'command', 'admin'] as const;
export type Role = (typeof roles)[number];

/** District tables, and the city's own table (city stack). */
export type TableName = 'core' | 'scans' | 'stats' | 'city';
/** District queues, and the city's queue that every district's close sends its aggregates to. */
export type QueueName = 'scan-events' | 'dispatch' | 'city-rollup';

export interface KeySpec {
  readonly partitionKey: string;
  readonly sortKey?: string;
}

export interface TableSpec extends KeySpec {
  readonly name: TableName;
  readonly indexes: readonly ({ readonly name: string } & KeySpec)[];
  /** Items carry their expiry (epoch seconds) here; DynamoDB TTL in the cloud, a sweeper locally. */
  readonly ttlAttribute?: string;
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
}

export interface QueueTrigger {
  readonly queue: QueueName;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
}

export interface ScheduleSpec {
  /** EventBridge Scheduler cron, evaluated in the district's time zone. */
  readonly cron: string;
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
}

export const defaultMaxBodyBytes = 256 * 1024;

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
    ],
    ttlAttribute: 'expiresAt',
  },
  // Scan records: the source of truth for counts, kept for the district's retention window.
  { name: 'scans', ...twoKeys, indexes: [], ttlAttribute: 'expiresAt' },
  // Daily counters and closed-day snapshots: what reports read.
  { name: 'stats', ...twoKeys, indexes: [] },
];

export const queues: readonly QueueSpec[] = [
  // Lambda wants a visibility timeout of six times the consumer's timeout.
  { name: 'scan-events', visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
  { name: 'dispatch', visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
];

// Lambda's 6 MB invoke limit covers the whole event (headers, context, encoding), not only the body.
const registryBody = 5 * 1024 * 1024;

/** Every stack serves its own OpenAPI document, generated from the contracts, at `/openapi.json`. */
const openApi = (service: 'district' | 'city'): FunctionSpec => ({
  name: 'openapi',
  entry: `functions/openapi/${service}-openapi.ts`,
  memoryMb: 256,
  timeoutSeconds: 10,
  routes: [{ method: 'GET', path: '/openapi.json', roles: [], public: true }],
});

export const functions: readonly FunctionSpec[] = [
  openApi('district'),
  {
    name: 'put-registry',
    entry: 'functions/registry/put-registry.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    writes: ['core'],
    routes: [{ method: 'PUT', path: '/v1/registry', roles: ['admin'], maxBodyBytes: registryBody }],
  },
  {
    name: 'register-resident',
    entry: 'functions/residents/register-resident.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/residents', roles: ['grid-worker', 'admin'] }],
  },
  {
    name: 'get-resident',
    entry: 'functions/residents/get-resident.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core', 'scans'],
    routes: [{ method: 'GET', path: '/v1/residents/{personId}', roles: ['grid-worker', 'scanner', 'admin'] }],
  },
  {
    name: 'issue-code',
    entry: 'functions/residents/issue-code.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    reads: ['core'],
    routes: [{ method: 'GET', path: '/v1/residents/{personId}/code', roles: ['grid-worker', 'admin'] }],
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
    routes: [{ method: 'POST', path: '/v1/scans', roles: ['scanner'] }],
  },
  {
    name: 'scan-aggregator',
    entry: 'functions/scans/scan-aggregator.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    writes: ['scans', 'stats'],
    trigger: { queue: 'scan-events', batchSize: 100, maxBatchingWindowSeconds: 1 },
  },
  {
    name: 'post-case',
    entry: 'functions/cases/post-case.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/cases', roles: ['grid-worker'] }],
  },
  {
    name: 'release-case',
    entry: 'functions/cases/release-case.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/cases/{caseId}/release', roles: ['grid-worker'] }],
  },
  {
    name: 'post-grid-log',
    entry: 'functions/grid-logs/post-grid-log.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core'],
    routes: [{ method: 'POST', path: '/v1/grid-logs', roles: ['grid-worker'] }],
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
    routes: [{ method: 'POST', path: '/v1/deliveries', roles: ['grid-worker', 'dispatcher'] }],
  },
  {
    name: 'post-group-buy',
    entry: 'functions/deliveries/post-group-buy.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    routes: [{ method: 'POST', path: '/v1/group-buys', roles: ['dispatcher'], maxBodyBytes: 1024 * 1024 }],
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
    name: 'post-delivery-event',
    entry: 'functions/deliveries/post-delivery-event.ts',
    memoryMb: 256,
    timeoutSeconds: 10,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    routes: [{ method: 'POST', path: '/v1/deliveries/{deliveryId}/events', roles: ['volunteer'] }],
  },
  {
    name: 'dispatcher',
    entry: 'functions/deliveries/dispatcher.ts',
    memoryMb: 512,
    timeoutSeconds: 30,
    writes: ['core', 'stats'],
    sends: ['dispatch'],
    trigger: { queue: 'dispatch', batchSize: 10, maxBatchingWindowSeconds: 0 },
  },
  {
    name: 'daily-report',
    entry: 'functions/reports/daily-report.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/daily', roles: ['command', 'grid-worker', 'admin'] }],
  },
  {
    name: 'report-series',
    entry: 'functions/reports/report-series.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/series', roles: ['command', 'grid-worker', 'admin'] }],
  },
  {
    name: 'epidemic-free',
    entry: 'functions/reports/epidemic-free.ts',
    memoryMb: 512,
    timeoutSeconds: 29,
    reads: ['core', 'stats'],
    routes: [{ method: 'GET', path: '/v1/reports/epidemic-free', roles: ['command', 'admin'] }],
  },
  {
    name: 'post-close-day',
    entry: 'functions/reports/post-close-day.ts',
    memoryMb: 1024,
    timeoutSeconds: 29,
    reads: ['core', 'scans'],
    writes: ['stats'],
    sends: ['city-rollup'],
    routes: [{ method: 'POST', path: '/v1/admin/close-day', roles: ['admin'] }],
  },
  {
    name: 'daily-close',
    entry: 'functions/reports/daily-close.ts',
    memoryMb: 1024,
    timeoutSeconds: 900,
    reads: ['core', 'scans'],
    writes: ['stats'],
    sends: ['city-rollup'],
    // 00:10 district time: late gates have flushed their last scans of the day.
    schedule: { cron: 'cron(10 0 * * ? *)' },
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
      trigger: { queue: 'city-rollup', batchSize: 10, maxBatchingWindowSeconds: 0 },
    },
    {
      name: 'city-daily-report',
      entry: 'functions/city/city-daily-report.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      reads: ['city'],
      routes: [{ method: 'GET', path: '/v1/city/reports/daily', roles: ['command'] }],
    },
    {
      name: 'city-report-series',
      entry: 'functions/city/city-report-series.ts',
      memoryMb: 256,
      timeoutSeconds: 10,
      reads: ['city'],
      routes: [{ method: 'GET', path: '/v1/city/reports/series', roles: ['command'] }],
    },
  ],
};

export const services = { district: districtService, city: cityService } as const;

export function findFunction(name: string): FunctionSpec {
  const found = functions.find((f) => f.name === name) ?? cityService.functions.find((f) => f.name === name);
  if (!found) throw new Error(`no function named ${name} in the service manifest`);
  return found;
}
