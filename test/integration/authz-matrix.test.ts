import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@firstline/domain';
import type { Role } from '@firstline/service';
import { cityService, functions, roles, tokenRules } from '@firstline/service';
import type { Acts, Cell, DistrictVariant, ScopeVariant } from '../authz-support/matrix.ts';
import { expectedAllowed, routeChecks, scopesFor, wildcardHonoured } from '../authz-support/matrix.ts';
import { dispatch } from '../fuzz-support/cases.ts';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { poll } from '../support/pipeline.ts';
import { smallRegistry } from '../support/registry-fixture.ts';

/**
 * Part 3 of "Proof under stress": every district route × role × scope × district, each cell one
 * valid request with real ids, and the expected decision computed from the manifest's roles and
 * routeChecks (test/authz-support/matrix.ts), never from packages/http's `authorize`.
 *
 * The cloud template's routes (no `/local/...` route, exactly the manifest's RouteKeys) are already
 * checked by infra/test/api-stack.test.ts ("has exactly the manifest routes…" and "has no
 * local-only route"), so they are not synthesised again here.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface MatrixRequest {
  readonly key: string;
  readonly path: string;
  readonly body?: unknown;
  readonly acts: Acts;
}

/** The manifest's authorized routes; a `public` route (the OpenAPI document) has no token check to test. */
const authorizedRoutes = (fns: typeof functions) => fns.flatMap((fn) => (fn.routes ?? [])
  .filter((r) => !(r as { public?: boolean }).public)
  .map((r) => ({ key: `${r.method} ${r.path}`, method: r.method as Method, roles: r.roles })));
const publicRoutes = [...functions, ...cityService.functions].flatMap((fn) => (fn.routes ?? []).filter((r) => (r as { public?: boolean }).public));
const districtRoutes = authorizedRoutes(functions);
const cityRoutes = authorizedRoutes(cityService.functions);

/** Cells that pass authorization but cannot answer 2xx, with the status they get instead (none so far). */
const nonAuthOutcomes: Readonly<Record<string, number>> = {};

const tokenDistricts: Readonly<Record<DistrictVariant, string>> = { own: 'demo', member: 'riverside', city: 'city' };
const scopeVariants: readonly ScopeVariant[] = ['own', 'other', 'all'];
const districtVariants: readonly DistrictVariant[] = ['own', 'member', 'city'];

const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** A testing round of g1's building today, which the matrix lists, samples in, reads and sends results to. */
const fixRound = { roundId: 'r-fix', communityId: 'c1', kind: 'antigen', day: today, place: '北门', slots: [{ from: `${today}T00:00:00+08:00`, to: `${today}T23:59:00+08:00`, buildingIds: ['b1'] }] };

let stack: RunningStack;
let requests: MatrixRequest[];
const tokens = new Map<string, string>();

async function token(role: string, district: string, scopes: string[], ttlSeconds?: number): Promise<string> {
  const key = `${role}|${district}|${scopes.join(',')}|${ttlSeconds ?? ''}`;
  let t = tokens.get(key);
  if (!t) {
    t = await stack.client.localToken({ role, district, scopes, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) });
    tokens.set(key, t);
  }
  return t;
}

const send = (t: string | undefined, method: Method, path: string, body?: unknown) =>
  (t ? stack.client.withToken(t) : stack.client).request(method, path, body);

/** A token with the right header and claims, signed by a key that is not the district's. */
function forgedToken(claims: Record<string, unknown>): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const signed = `${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64({ iss: 'https://firstline.local/', aud: 'firstline', sub: 'forger', iat: now, exp: now + 3600, ...claims })}`;
  return `${signed}.${sign(null, Buffer.from(signed), privateKey).toString('base64url')}`;
}

/** A real token whose payload was edited after signing (the signature no longer matches). */
function tamperedToken(valid: string, claims: Record<string, unknown>): string {
  const [head, payload, signature] = valid.split('.') as [string, string, string];
  const edited = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as object), ...claims };
  return `${head}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`;
}

beforeAll(async () => {
  stack = await startStack({ city: true });
  const admin = await token('admin', 'demo', ['*']);
  const worker = await token('grid-worker', 'demo', ['*']);
  const dispatcher = await token('dispatcher', 'demo', ['*']);
  expect((await send(admin, 'PUT', '/v1/registry', smallRegistry)).status).toBe(200);

  // The fixture: a resident of g1 with a case, a volunteer of g1 holding a delivery of g1.
  const resident = { idNumber: '42010219800101002X', name: '矩阵甲', phone: '13800001111', buildingId: 'b1', householdId: 'b1-h1' };
  const person = await send(worker, 'POST', '/v1/residents', resident);
  expect(person.status).toBe(201);
  const personId = (person.body as { personId: string }).personId;
  expect((await send(worker, 'POST', '/v1/cases', { caseId: 'case-fix', personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'none' })).status).toBe(201);
  // A central-quarantine case whose release waits for an admin, and a late log an admin may keep.
  expect((await send(worker, 'POST', '/v1/cases', { caseId: 'case-central', personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'central' })).status).toBe(201);
  expect((await send(worker, 'POST', '/v1/cases/case-central/release', { releasedAt: new Date().toISOString() })).status).toBe(200);
  expect((await send(worker, 'POST', '/v1/grid-logs', {
    logId: 'm-late-log', gridId: 'g1', date: yesterday, householdsVisited: 3, residentsScreened: 5, disinfectionRounds: 2, masksDistributed: 10, keyPersonsFound: 0,
  })).status).toBe(201);
  // An urgent request of g1 to acknowledge.
  expect((await send(worker, 'POST', '/v1/urgent-requests', { requestId: 'u-fix', householdId: 'b1-h1', buildingId: 'b1', kind: 'labour', neededAt: new Date().toISOString() })).status).toBe(201);
  // A vulnerable household of g1 a carer visits.
  expect((await send(worker, 'PUT', '/v1/households/m-needs/needs', { buildingId: 'b1', needs: ['elderly-alone'] })).status).toBe(200);
  expect((await send(dispatcher, 'PUT', '/v1/volunteers/v1', { name: '志愿者一', phone: '13800002222', roles: ['runner'], gridIds: ['g1'], onDuty: true, capacity: 10 })).status).toBe(200);
  expect((await send(dispatcher, 'POST', '/v1/deliveries', {
    deliveryId: 'd-fix', householdId: 'b1-h1', buildingId: 'b1', kind: 'groceries', items: [{ name: 'rice', quantity: 1 }], priority: 'normal', requestedAt: new Date().toISOString(),
  })).status).toBe(202);
  // A group-buy of g1 whose numbers the matrix calls.
  expect((await send(dispatcher, 'POST', '/v1/group-buys', {
    groupBuyId: 'gb-fix', gridId: 'g1', item: 'rice', arrivedAt: new Date().toISOString(), households: [{ householdId: 'b1-h2', buildingId: 'b1', quantity: 1 }],
  })).status).toBe(202);
  await poll(async () => (await send(dispatcher, 'GET', '/v1/deliveries/d-fix')).body as { status: string; volunteerId?: string },
    (d) => d.status === 'assigned' && d.volunteerId === 'v1', 'd-fix to be assigned to v1');

  expect((await send(worker, 'POST', '/v1/test-rounds', fixRound)).status).toBe(201);

  // A close whose progress the matrix reads.
  const close = await send(admin, 'POST', '/v1/admin/close-day', { date: yesterday });
  expect(close.status).toBe(202);
  const closeId = (close.body as { closeId: string }).closeId;

  // A fever at g1's gate for the work list, kept once the scan is aggregated.
  const scanner = await token('scanner', 'demo', ['*']);
  expect((await send(scanner, 'POST', '/v1/scans', {
    scans: [{ scanId: 'm-fever', checkpointId: 'cp1', idNumber: resident.idNumber, direction: 'in', temperatureC: 38.4, scannedAt: new Date().toISOString() }],
  })).status).toBe(200);
  await poll(async () => (await send(worker, 'GET', '/v1/work-lists/fever-scans?gridId=g1')).body as { items: { scanId: string }[] },
    (l) => l.items.some((i) => i.scanId === 'm-fever'), 'the fever scan to be kept for follow-up');

  const now = new Date().toISOString();
  const q = (o: Record<string, string>) => `?${new URLSearchParams(o).toString()}`;
  // One valid request per route, in manifest order; `acts` is what the request acts on.
  const byKey: Record<string, Omit<MatrixRequest, 'key'>> = {
    'PUT /v1/registry': { path: '/v1/registry', body: smallRegistry, acts: {} },
    'POST /v1/residents': { path: '/v1/residents', body: { idNumber: '420102198002020033', name: '矩阵乙', phone: '13800003333', buildingId: 'b1', householdId: 'b1-h2' }, acts: { grid: ['g1'] } },
    'GET /v1/residents/{personId}': { path: `/v1/residents/${personId}`, acts: { grid: ['g1'], person: [personId] } },
    'GET /v1/residents/{personId}/household': { path: `/v1/residents/${personId}/household`, acts: { grid: ['g1'], person: [personId] } },
    'PUT /v1/households/{householdId}/needs': { path: '/v1/households/b1-h1/needs', body: { buildingId: 'b1', needs: ['elderly-alone'] }, acts: { grid: ['g1'] } },
    'GET /v1/households/needs': { path: '/v1/households/needs?gridId=g1', acts: { grid: ['g1'] } },
    'POST /v1/households/{householdId}/visits': { path: '/v1/households/m-needs/visits', body: { at: now, kind: 'call', found: 'well' }, acts: { grid: ['g1'] } },
    'GET /v1/residents/{personId}/code': { path: `/v1/residents/${personId}/code`, acts: { grid: ['g1'], person: [personId] } },
    'PUT /v1/residents/{personId}/contact': { path: `/v1/residents/${personId}/contact`, body: { phone: '13700009999', consent: true }, acts: { grid: ['g1'], person: [personId] } },
    // Withdrawing again is a retry: every allowed cell answers 200.
    'DELETE /v1/residents/{personId}/contact': { path: `/v1/residents/${personId}/contact`, acts: { grid: ['g1'], person: [personId] } },
    'GET /v1/keys/codes': { path: '/v1/keys/codes', acts: {} },
    'POST /v1/scans': {
      path: '/v1/scans',
      body: { scans: [{ scanId: 'm-scan-1', checkpointId: 'cp1', idNumber: resident.idNumber, direction: 'in', temperatureC: 36.6, scannedAt: now }] },
      acts: { checkpoint: ['cp1'], grid: ['g1'] },
    },
    'POST /v1/cases': { path: '/v1/cases', body: { caseId: 'case-m', personId, category: 'close-contact', reportedAt: now, quarantine: 'none' }, acts: { grid: ['g1'] } },
    'POST /v1/cases/{caseId}/release': { path: '/v1/cases/case-fix/release', body: { releasedAt: now }, acts: { grid: ['g1'] } },
    // Every allowed cell is an admin other than the reporter: the first approves, the rest find it released.
    'POST /v1/admin/cases/{caseId}/approve-release': { path: '/v1/admin/cases/case-central/approve-release', body: {}, acts: { grid: ['g1'] } },
    'POST /v1/admin/grid-logs/{logId}/approve': { path: '/v1/admin/grid-logs/m-late-log/approve', body: { reason: 'sent late from a dead zone' }, acts: { grid: ['g1'] } },
    'POST /v1/admin/grid-logs/approve': { path: '/v1/admin/grid-logs/approve', body: { logIds: ['m-late-log'], reason: 'sent late from a dead zone' }, acts: { grid: ['g1'] } },
    // Ten days back: locked (past the 72 h backlog window), within the 28-day retention window.
    'POST /v1/admin/grid-logs/reopen': { path: '/v1/admin/grid-logs/reopen', body: { gridId: 'g1', date: addDays(today, -10), reason: 'the log book was found' }, acts: { grid: ['g1'] } },
    'POST /v1/grid-logs': {
      path: '/v1/grid-logs',
      body: { logId: 'm-log', gridId: 'g1', date: today, householdsVisited: 3, residentsScreened: 5, disinfectionRounds: 2, masksDistributed: 10, keyPersonsFound: 0 },
      acts: { grid: ['g1'] },
    },
    // Off duty in g2: nobody is dispatched there, so the matrix's own orders stay queued.
    'PUT /v1/volunteers/{volunteerId}': {
      path: '/v1/volunteers/v9', body: { name: '志愿者九', phone: '13800009999', roles: ['runner'], gridIds: ['g2'], onDuty: false, capacity: 5 }, acts: { grid: ['g2'], volunteer: ['v9'] },
    },
    // For the fixture's own household, so that its resident may ask too.
    'POST /v1/deliveries': {
      path: '/v1/deliveries',
      body: { deliveryId: 'm-del', householdId: 'b1-h1', buildingId: 'b1', kind: 'medicine', items: [{ name: 'aspirin', quantity: 2 }], priority: 'medical', requestedAt: now },
      acts: { grid: ['g1'], person: [personId] },
    },
    'POST /v1/urgent-requests': {
      // Raised at g1's gate: a gate keeper names theirs; the others may too.
      path: '/v1/urgent-requests', body: { requestId: 'm-urgent', householdId: 'b1-h1', buildingId: 'b1', kind: 'dialysis', neededAt: now, checkpointId: 'cp1' },
      acts: { grid: ['g1'], person: [personId], checkpoint: ['cp1'] },
    },
    'POST /v1/urgent-requests/{requestId}/steps': { path: '/v1/urgent-requests/u-fix/steps', body: { step: 'acknowledged' }, acts: { grid: ['g1'] } },
    'GET /v1/urgent-requests': { path: `/v1/urgent-requests${q({ gridId: 'g1' })}`, acts: { grid: ['g1'] } },
    'POST /v1/group-buys': {
      path: '/v1/group-buys', body: { groupBuyId: 'm-gb', gridId: 'g3', item: 'vegetables', arrivedAt: now, households: [{ householdId: 'b3-h1', buildingId: 'b3', quantity: 2 }] }, acts: { grid: ['g3'] },
    },
    // Calling again is a retry: nobody is told twice, every allowed cell answers 202.
    'POST /v1/group-buys/{groupBuyId}/calls': { path: '/v1/group-buys/gb-fix/calls', body: { gridId: 'g1', from: 1, perMinute: 60, pickup: '北门' }, acts: { grid: ['g1'] } },
    'POST /v1/test-rounds': { path: '/v1/test-rounds', body: fixRound, acts: { grid: ['g1'] } },
    // A grid's rounds: its grid workers, and scanners holding every gate of it (g1 has one: cp1).
    'GET /v1/test-rounds': { path: `/v1/test-rounds${q({ day: today, gridId: 'g1' })}`, acts: { grid: ['g1'], checkpoint: ['cp1'] } },
    'GET /v1/test-rounds/{roundId}': { path: '/v1/test-rounds/r-fix', acts: { grid: ['g1'] } },
    'POST /v1/test-rounds/{roundId}/samples': {
      path: '/v1/test-rounds/r-fix/samples', body: { checkpointId: 'cp1', samples: [{ sampleId: 'm-sample', idNumber: resident.idNumber, sampledAt: now }] }, acts: { checkpoint: ['cp1'], grid: ['g1'] },
    },
    'POST /v1/test-rounds/{roundId}/results': { path: '/v1/test-rounds/r-fix/results', body: { results: [{ personId, result: 'negative' }] }, acts: { grid: ['g1'] } },
    'POST /v1/residents/{personId}/self-tests': { path: `/v1/residents/${personId}/self-tests`, body: { testId: 'm-self', result: 'negative', takenAt: now }, acts: { grid: ['g1'], person: [personId] } },
    'GET /v1/deliveries/{deliveryId}': { path: '/v1/deliveries/d-fix', acts: { grid: ['g1'], volunteer: ['v1'] } },
    'GET /v1/deliveries': { path: `/v1/deliveries${q({ gridId: 'g1' })}`, acts: { grid: ['g1'] } },
    'GET /v1/volunteers/{volunteerId}/tasks': { path: '/v1/volunteers/v1/tasks', acts: { volunteer: ['v1'] } },
    // On duty again, as v1 already is: every allowed cell changes nothing.
    'PUT /v1/volunteers/{volunteerId}/duty': { path: '/v1/volunteers/v1/duty', body: { onDuty: true }, acts: { volunteer: ['v1'] } },
    // The same event again is a retry (API.md): every allowed cell answers 200.
    'POST /v1/deliveries/{deliveryId}/events': { path: '/v1/deliveries/d-fix/events', body: { type: 'picked-up', at: now }, acts: { grid: ['g1'], volunteer: ['v1'] } },
    'GET /v1/reports/daily': { path: `/v1/reports/daily${q({ level: 'grid', id: 'g1', date: today })}`, acts: { grid: ['g1'] } },
    // A community: the scope must name both of its grids.
    'GET /v1/reports/series': { path: `/v1/reports/series${q({ level: 'community', id: 'c1', from: yesterday, to: today })}`, acts: { grid: ['g1', 'g2'] } },
    // The listing covers every grid of the district: the scope must name them all.
    'GET /v1/reports/epidemic-free': { path: `/v1/reports/epidemic-free${q({ level: 'grid', date: today })}`, acts: { grid: smallRegistry.grids.map((g) => g.id) } },
    'GET /v1/reports/map': { path: `/v1/reports/map${q({ date: today })}`, acts: {} },
    'GET /v1/reports/care': { path: `/v1/reports/care${q({ level: 'grid', id: 'g1', date: today })}`, acts: { grid: ['g1'] } },
    'GET /v1/work-lists/fever-scans': { path: `/v1/work-lists/fever-scans${q({ gridId: 'g1' })}`, acts: { grid: ['g1'] } },
    // Every allowed cell after the first finds it followed up already: the same answer, nothing changed.
    'POST /v1/work-lists/fever-scans/{scanId}/follow-up': { path: '/v1/work-lists/fever-scans/m-fever/follow-up', body: { gridId: 'g1', outcome: 'followed-up' }, acts: { grid: ['g1'] } },
    'GET /v1/work-lists/open-cases': { path: `/v1/work-lists/open-cases${q({ gridId: 'g1' })}`, acts: { grid: ['g1'] } },
    'GET /v1/work-lists/quarantines-ending': { path: `/v1/work-lists/quarantines-ending${q({ gridId: 'g1' })}`, acts: { grid: ['g1'] } },
    'GET /v1/work-lists/unreported-grids': { path: `/v1/work-lists/unreported-grids${q({ gridId: 'g1' })}`, acts: { grid: ['g1'] } },
    'POST /v1/admin/close-day': { path: '/v1/admin/close-day', body: { date: yesterday }, acts: {} },
    'GET /v1/admin/closes/{closeId}': { path: `/v1/admin/closes/${closeId}`, acts: {} },
  };
  requests = districtRoutes.map(({ key }) => {
    const r = byKey[key];
    if (!r) throw new Error(`the matrix has no request for ${key}`);
    return { key, ...r };
  });
}, 120_000);
afterAll(() => stack.stop());

describe('role × route × scope × district', () => {
  it('leaves out only public routes, which are GETs that need no token', async () => {
    for (const route of publicRoutes) {
      expect(route.method).toBe('GET');
      expect(route.roles).toEqual([]);
      expect((await send(undefined, 'GET', route.path)).status, route.path).toBe(200);
    }
  });

  it('has a request and a scope table entry for every district route, each valid by its contract', () => {
    expect(Object.keys(routeChecks).sort()).toEqual(districtRoutes.map((r) => r.key).sort());
    for (const r of requests) {
      const route = districtRoutes.find((d) => d.key === r.key)!;
      const { reachesHandler } = dispatch({
        route: r.key, method: route.method, target: r.path, role: route.roles[0]!, labels: [], semantic: false,
        ...(r.body === undefined ? {} : { body: { text: JSON.stringify(r.body) } }),
      });
      expect(reachesHandler, r.key).toBe(true);
    }
  });

  it('lets exactly the allowed cells through, and each of them succeeds', async () => {
    const wrong: string[] = [];
    let cells = 0;
    let allowed = 0;
    for (const r of requests) {
      const route = districtRoutes.find((d) => d.key === r.key)!;
      for (const role of roles) {
        for (const scope of scopeVariants) {
          for (const district of districtVariants) {
            const cell: Cell = { role, scope, district };
            const scopes = scopesFor(role, r.acts, scope);
            const expected = expectedAllowed(cell, route.roles, routeChecks[r.key]!, r.acts, r.key);
            const res = await send(await token(role, tokenDistricts[district], scopes), route.method, r.path, r.body);
            cells++;
            const label = `${r.key} as ${role} [${scopes.join(',')}] of ${tokenDistricts[district]} → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
            if (expected) {
              allowed++;
              const ok = nonAuthOutcomes[r.key] !== undefined ? res.status === nonAuthOutcomes[r.key] : res.status >= 200 && res.status < 300;
              if (!ok) wrong.push(`expected success: ${label}`);
            } else if (res.status !== 403) {
              wrong.push(`expected 403: ${label}`);
            }
          }
        }
      }
    }
    console.log(`authz matrix: ${cells} cells (${requests.length} routes × ${roles.length} roles × ${scopeVariants.length} scopes × ${districtVariants.length} districts), ${allowed} allowed, ${cells - allowed} refused`);
    expect(cells).toBe(requests.length * roles.length * scopeVariants.length * districtVariants.length);
    expect(wrong).toEqual([]);
  }, 600_000);

  it('opens the city routes to city-wide command tokens only', async () => {
    const wrong: string[] = [];
    let cells = 0;
    const date = today;
    for (const route of cityRoutes) {
      const path = route.key.includes('series') ? `/v1/city/reports/series?from=${yesterday}&to=${date}` : `/v1/city/reports/daily?date=${date}`;
      for (const role of roles) {
        for (const district of [...districtVariants.map((d) => tokenDistricts[d]), 'elsewhere']) {
          for (const scopes of [['*'], [], ['g1']]) {
            const res = await send(await token(role, district, scopes), route.method, path);
            cells++;
            // The city's reports cover every district: a command token scoped to some grids may not read them.
            const expected = role === 'command' && district === 'city' && route.roles.includes(role) && scopes.includes('*');
            if (expected ? res.status !== 200 : res.status !== 403) wrong.push(`${route.key} as ${role} [${scopes.join(',')}] of ${district} → ${res.status}`);
          }
        }
      }
    }
    console.log(`authz matrix: ${cells} city-route cells`);
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe('tokens that are not good for this district, on every route', () => {
  const all = () => [
    ...requests.map((r) => ({ ...districtRoutes.find((d) => d.key === r.key)!, path: r.path, body: r.body, district: 'demo', acts: r.acts })),
    ...cityRoutes.map((route) => ({ ...route, path: route.key.includes('series') ? `/v1/city/reports/series?from=${yesterday}&to=${today}` : `/v1/city/reports/daily?date=${today}`, body: undefined, district: 'city', acts: {} })),
  ];

  it('answers 401 to a bad signature, an expired token, one living over 12 h, scopes packed into one string and no token; 403 to a token of another district', async () => {
    const wrong: string[] = [];
    let requestsSent = 0;
    for (const route of all()) {
      const role: Role = route.roles[0]!;
      const claims = { role, district: route.district, scopes: ['*'] };
      const cases: [string, string | undefined, number][] = [
        ['forged signature', forgedToken(claims), 401],
        ['tampered payload', tamperedToken(await token('volunteer', route.district, ['v1']), { role, scopes: ['*'] }), 401],
        ['expired', await token(role, route.district, ['*'], -60), 401],
        ['a lifetime over the maximum', await token(role, route.district, ['*'], tokenRules.maxLifetimeSeconds + 3600), 401],
        ['two scopes packed into one', await token(role, route.district, ['g1 g2']), 401],
        ['no token', undefined, 401],
        ['another district', await token(role, route.district === 'demo' ? 'riverside' : 'demo', ['*']), 403],
        ['a district outside the city', await token(role, 'elsewhere', ['*']), 403],
      ];
      for (const [what, t, status] of cases) {
        const res = await send(t, route.method, route.path, route.body);
        requestsSent++;
        if (res.status !== status) wrong.push(`${what}: ${route.key} as ${role} → ${res.status} (expected ${status})`);
      }
      // The same request with a good token gets through, so the refusals above are about the token
      // (a district-wide one where the role honours *, else one naming what the request acts on).
      const goodScopes = wildcardHonoured[role] ? ['*'] : scopesFor(role, route.acts, 'own');
      const good = await send(await token(role, route.district, goodScopes), route.method, route.path, route.body);
      if (good.status >= 300) wrong.push(`good token: ${route.key} as ${role} → ${good.status}`);
    }
    console.log(`authz matrix: ${requestsSent} bad-token requests on ${all().length} routes`);
    expect(wrong).toEqual([]);
  }, 120_000);
});
