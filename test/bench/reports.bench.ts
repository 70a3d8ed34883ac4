import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { putAll } from '@firstline/adapters/dynamodb/batch-write';
import { capacityTally, resetCapacityTally } from '@firstline/adapters/instrumentation';
import { FirstlineClient } from '@firstline/client';
import { addDays, daysBetween, defaultPolicy, eachLimited, gridDayOf, rollupRows } from '@firstline/domain';
import { findFunction } from '@firstline/service';
import { invoke } from '@firstline/local/handlers';
import { QueuePoller } from '@firstline/local/pollers';
import { startLocalStack } from '@firstline/local/stack';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { benchRegistry, type Table } from './bench-support.ts';

const district = 'demo';

/** Issue and expiry claims as the authorizer passes them (decimal strings): every route refuses a token without them. */
function lifetime() {
  const now = Math.floor(Date.now() / 1000);
  return { iat: String(now), exp: String(now + 3600) };
}

function getEvent(route: string, path: string, query: Record<string, string>) {
  return {
    version: '2.0', routeKey: route, rawPath: path, rawQueryString: new URLSearchParams(query).toString(), headers: {},
    queryStringParameters: query,
    requestContext: { requestId: randomUUID(), routeKey: route, http: { method: 'GET', path }, authorizer: { jwt: { claims: { role: 'command', district, scopes: '[*]', ...lifetime() } } } },
    isBase64Encoded: false,
  };
}

/**
 * A district of 2,000 grids with 30 closed days (snapshots written directly, as the close would):
 * time and read units of a district daily report, a 30-day series, the epidemic-free listing and the battle map,
 * each through its handler in-process; then the time of one day close over 2,000 grids.
 */
export async function reportsBenchmark(rows: Table, grids = Number(process.env['BENCH_GRIDS'] ?? 2_000), days = 30): Promise<void> {
  process.env['FIRSTLINE_METER_CAPACITY'] = '1';
  const stack = await startLocalStack({ district, dataDir: await mkdtemp(join(tmpdir(), 'firstline-bench-')), port: 0, pollers: false });
  const admin = new FirstlineClient({ baseUrl: stack.url }).withToken(await stack.tokens.sign({ role: 'admin', district, scopes: ['*'] }));
  const registry = benchRegistry(district, grids, 1);
  registry.streets = Array.from({ length: 20 }, (_, s) => ({ id: `s${s}`, name: `Street ${s}` }));
  registry.communities = registry.communities.map((c, i) => ({ ...c, streetId: `s${i % 20}` }));
  // A deadline of midnight: today's deadline has passed, so the unreported-grids list has work to list.
  const policy = { reportingDeadline: '00:00' };
  if ((await admin.put('/v1/registry', { ...registry, district: { ...registry.district, policy } })).status !== 200) throw new Error('registry');
  const last = '2020-03-30';
  const dates = daysBetween(addDays(last, -(days - 1)), last);
  const documents = DynamoDBDocumentClient.from(stack.emulators.dynamodb);
  const snapshots = dates.flatMap((day, d) => registry.grids.map((g, i) => {
    const free = (i + d) % 7 !== 0;
    return {
      pk: `SNAP#${g.id}`, sk: day, gridId: g.id, day, closedAt: '2020-04-01T00:00:00.000Z',
      scans: { in: 120 + (i % 50), out: 110, denied: 3, 'deny.fever': 1, 'deny.code-yellow': 2, fever: 1 },
      cases: (free ? {} : { 'close-contact': 1 }) as Record<string, number>, work: { logs: 1, householdsVisited: 60, residentsScreened: 130, disinfectionRounds: 2, masksDistributed: 150, keyPersonsFound: 0 },
      reported: true, reportedOnTime: i % 10 !== 0, deliveries: { requested: 4, delivered: 3, 'minutes.40': 3 }, openDeliveries: 2,
      streak: { zeroStreakDays: free ? d + 1 : 0, epidemicFree: free && d >= 13, ...(free && d >= 13 ? { since: dates[0] } : {}) },
    };
  }));
  await putAll(documents, stack.resources.tables.stats!, snapshots, 8);
  // The roll-ups the close writes with each day, so reports read units, not grids.
  const domainRegistry = { ...registry, district: { ...registry.district, policy: defaultPolicy } };
  const rollups = dates.flatMap((day) => {
    const days = new Map(snapshots.filter((x) => x.day === day).map((x) => [x.gridId, gridDayOf(x, true)]));
    return rollupRows(domainRegistry, day, days).map((row) => ({ pk: `SNAPU#${row.level}#${row.id}`, sk: day, row, closedAt: '2020-04-01T00:00:00.000Z' }));
  });
  await putAll(documents, stack.resources.tables.stats!, rollups, 8);

  const measure = async (what: string, fn: string, route: string, path: string, query: Record<string, string>) => {
    await invoke(findFunction(fn), district, getEvent(route, path, query));
    resetCapacityTally();
    const started = performance.now();
    const result = (await invoke(findFunction(fn), district, getEvent(route, path, query))) as { statusCode: number; body: string };
    const ms = performance.now() - started;
    if (result.statusCode !== 200) throw new Error(`${what}: ${result.statusCode} ${result.body.slice(0, 200)}`);
    rows.push([what, `${Math.round(ms)} ms`, `${capacityTally.readUnits.toFixed(0)} read units, ${capacityTally.readRequests} requests, ${(result.body.length / 1024).toFixed(0)} kB`]);
  };
  await measure(`district daily report, ${grids} grids`, 'daily-report', 'GET /v1/reports/daily', '/v1/reports/daily', { level: 'district', id: district, date: last });
  await measure(`district series, ${days} days`, 'report-series', 'GET /v1/reports/series', '/v1/reports/series', { level: 'district', id: district, from: dates[0]!, to: last });
  await measure('epidemic-free listing of communities', 'epidemic-free', 'GET /v1/reports/epidemic-free', '/v1/reports/epidemic-free', { level: 'community', date: last });
  // The battle map: every grid's tile in one request (goal ≤ 300 ms for 2,000 grids), from the
  // closed day's snapshots; the day after, not closed, is read live grid by grid, for comparison.
  await measure(`battle map, ${grids} grids, closed day`, 'battle-map', 'GET /v1/reports/map', '/v1/reports/map', { date: last });
  await measure(`battle map, ${grids} grids, day not closed`, 'battle-map', 'GET /v1/reports/map', '/v1/reports/map', { date: addDays(last, 1) });
  // Work lists (goal: each page ≤ 100 ms): open cases in one grid in four, each through the real routes.
  const worker = new FirstlineClient({ baseUrl: stack.url }).withToken(await stack.tokens.sign({ role: 'grid-worker', district, scopes: ['*'] }));
  await eachLimited(registry.grids.filter((_, i) => i % 4 === 0).map((g, n) => ({ g, n })), 8, async ({ g, n }) => {
    const person = await worker.post<{ personId: string }>('/v1/residents', {
      idNumber: `42010219900101${String(n).padStart(4, '0')}`, name: '张三', phone: `1380000${String(n).padStart(4, '0')}`, buildingId: `${g.id}-b1`, householdId: `${g.id}-h1`,
    });
    const opened = await worker.post('/v1/cases', { caseId: `bench-${g.id}`, personId: person.body.personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'home' });
    if (person.status !== 201 || opened.status !== 201) throw new Error(`work-list fixture: ${person.status} ${opened.status}`);
  });
  const workList = async (what: string, fn: string, path: string, query: Record<string, string>) => measure(what, fn, `GET ${path}`, path, query);
  await workList(`open cases, ${grids / 4} in the district, first page of 50`, 'list-open-cases', '/v1/work-lists/open-cases', { limit: '50' });
  await workList(`quarantines ending, none of ${grids / 4} due (every open case read)`, 'list-quarantines-ending', '/v1/work-lists/quarantines-ending', { limit: '50' });
  await workList(`unreported grids, ${grids} without a log, first page of 50`, 'list-unreported-grids', '/v1/work-lists/unreported-grids', { limit: '50' });
  await workList('fevers not followed up, none (the list read is one query)', 'list-fever-scans', '/v1/work-lists/fever-scans', { limit: '50' });

  // One day's close as the cloud runs it: the admin route starts it, shards of 50 grids close
  // through the close-shard consumer (two at once: this machine's cores), the last writes the roll-ups.
  const { Attributes } = await stack.emulators.sqs.send(new GetQueueAttributesCommand({ QueueUrl: stack.resources.queueUrls['close-shards']!, AttributeNames: ['QueueArn'] }));
  const shards = new QueuePoller(findFunction('close-shard'), {
    sqs: stack.emulators.sqs, district, queueUrl: stack.resources.queueUrls['close-shards']!, queueArn: Attributes!.QueueArn!, concurrency: 2,
  });
  shards.start();
  resetCapacityTally();
  const started = performance.now();
  const closed = await admin.closeDay(addDays(last, 1), { pollMs: 50 });
  await shards.stop();
  if (closed.status !== 200) throw new Error(`close ${closed.status}`);
  const { shards: count } = closed.body as { shards: number };
  rows.push([`one day's close, ${grids} grids`, `${((performance.now() - started) / 1000).toFixed(1)} s`, `${count} shards, 2 at once; ${capacityTally.readRequests} reads, ${capacityTally.writeRequests} writes`]);
  await stack.stop();
}
