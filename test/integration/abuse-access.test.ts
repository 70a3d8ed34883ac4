import { createPrivateKey, sign } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, FirstlineClient } from '@firstline/client';
import { addDays, dayOf, groupBuyDeliveryId } from '@firstline/domain';
import { siteContentSecurityPolicy, tokenRules } from '@firstline/service';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

/**
 * Issue 12, §3–§6, tried as an insider with a legitimate token would: reaching objects that are
 * not theirs, enumerating ID numbers, pre-claiming another grid's ids, bending scopes and token
 * lifetimes, reading without bound, and the local stack's smaller holes. Each attack is one
 * request (or a short sequence) that must be refused with the 4xx it names, in API.md's error
 * shape, never a 5xx; the suite prints how many it tried and how many were refused.
 */

interface Attack {
  readonly section: '§3' | '§4' | '§5' | '§6';
  readonly what: string;
  readonly expect: number;
  readonly by: () => Promise<ApiResponse<unknown>>;
}

let stack: RunningStack;
let admin: FirstlineClient;
let workerG1: FirstlineClient;
let workerG2: FirstlineClient;
let dispatcherG1: FirstlineClient;
let dispatcherG2: FirstlineClient;
const district = 'demo';
const tz = 'Asia/Shanghai';
const today = () => dayOf(new Date(), tz);
const now = () => new Date().toISOString();
let seq = 0;
const id = (prefix: string) => `${prefix}-${++seq}`;

/** A token signed with the local identity provider's key, with exactly these claims (what a misconfigured provider might issue). */
async function rawToken(claims: Record<string, unknown>): Promise<string> {
  const jwk = JSON.parse(await readFile(join(stack.dataDir, 'keys', 'token-signing.json'), 'utf8')) as Record<string, string>;
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signed = `${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64({ iss: 'https://firstline.local/', aud: 'firstline', sub: 'insider', ...claims })}`;
  return `${signed}.${sign(null, Buffer.from(signed), createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`;
}

const seconds = () => Math.floor(Date.now() / 1000);
const token = (role: string, scopes: string[], sub?: string, tokenDistrict = district) =>
  stack.client.localToken({ role, district: tokenDistrict, scopes, ...(sub ? { sub } : {}) } as { role: string; district: string; scopes: string[] });
const as = async (role: string, scopes: string[], sub?: string, tokenDistrict = district) => stack.client.withToken(await token(role, scopes, sub, tokenDistrict));

/** A scan of an ID number nobody registered: what an enumeration sends. */
const stranger = (checkpointId: string, n: number) => ({
  scanId: id('enum'), checkpointId, idNumber: `11010119700101${String(n % 10_000).padStart(4, '0')}`, direction: 'in', temperatureC: 36.5, scannedAt: now(),
});
const strangers = (checkpointId: string, count: number) => Array.from({ length: count }, (_, n) => stranger(checkpointId, n + seq * 100));

beforeAll(async () => {
  stack = await startStack({ city: true });
  admin = await as('admin', []);
  // The small district, and a community of 100 more grids: enough for a series to be costly.
  const wide = {
    ...smallRegistry,
    communities: [...smallRegistry.communities, { id: 'c9', name: 'Wide Community', streetId: 's1' }],
    grids: [...smallRegistry.grids, ...Array.from({ length: 100 }, (_, i) => ({ id: `w${i}`, name: `Wide ${i}`, communityId: 'c9' }))],
  };
  expect((await admin.put('/v1/registry', wide)).status).toBe(200);
  workerG1 = await as('grid-worker', ['g1']);
  workerG2 = await as('grid-worker', ['g2']);
  dispatcherG1 = await as('dispatcher', ['g1']);
  dispatcherG2 = await as('dispatcher', ['g2']);
}, 120_000);
afterAll(() => stack?.stop());

const order = (deliveryId: string, buildingId: string, householdId = `${buildingId}-h1`, item = 'rice') => ({
  deliveryId, householdId, buildingId, kind: 'groceries', items: [{ name: item, quantity: 1 }], priority: 'normal', requestedAt: now(),
});

describe('abuse by insiders with legitimate tokens (issue 12, §3–§6)', () => {
  const tried: { section: string; what: string; status: number; refused: boolean; detail: string }[] = [];

  /** Runs an attack and records whether it got exactly the refusal it should, in the error shape. */
  async function attempt(attack: Attack): Promise<ApiResponse<unknown>> {
    const res = await attack.by();
    const body = res.body as { error?: { code?: string; message?: string } } | undefined;
    const shaped = typeof body?.error?.code === 'string' && typeof body.error.message === 'string';
    const refused = res.status === attack.expect && shaped;
    tried.push({ section: attack.section, what: attack.what, status: res.status, refused, detail: refused ? body!.error!.message! : JSON.stringify(res.body).slice(0, 200) });
    return res;
  }

  afterAll(() => {
    const refused = tried.filter((t) => t.refused).length;
    for (const t of tried) console.log(`${t.refused ? 'refused' : 'NOT REFUSED'} ${t.section} ${t.status} ${t.what}: ${t.detail}`);
    console.log(`abuse (access): ${tried.length} attacks tried, ${refused} refused with the 4xx they should get, ${tried.filter((t) => t.status >= 500).length} answered 5xx`);
  });

  describe('§3 objects only their owners reach', () => {
    it("keeps a scanner out of a resident's 14-day view: the verdict is all a gate gets", async () => {
      const resident = newResident('b1');
      const person = (await workerG1.post<{ personId: string }>('/v1/residents', resident)).body;
      const scanner = await as('scanner', ['cp1']);
      const scan = await scanner.post<{ results: { person: Record<string, unknown> | null }[] }>('/v1/scans', { scans: [{ ...stranger('cp1', 0), idNumber: resident.idNumber }] });
      expect(scan.body.results[0]!.person).toMatchObject({ personId: person.personId, nameMasked: expect.any(String), buildingId: 'b1' });

      const res = await attempt({ section: '§3', what: 'a scanner reads a resident it scanned', expect: 403, by: () => scanner.get(`/v1/residents/${person.personId}`) });

      expect(res.status).toBe(403);
    });

    it('limits ID numbers that match nobody per token, with Retry-After, and per checkpoint across tokens', async () => {
      const gate = await as('scanner', ['cp2'], 'gate-a');
      expect((await gate.post('/v1/scans', { scans: strangers('cp2', 100) })).status).toBe(200);

      const res = await attempt({ section: '§3', what: 'a scanner enumerates ID numbers past its budget', expect: 429, by: () => gate.post('/v1/scans', { scans: strangers('cp2', 100) }) });

      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ error: { code: 'throttled' } });
      // The same checkpoint through more tokens: the checkpoint's own budget ends it.
      const second = await as('scanner', ['cp2'], 'gate-b');
      expect((await second.post('/v1/scans', { scans: strangers('cp2', 100) })).status).toBe(200);
      const third = await as('scanner', ['cp2'], 'gate-c');
      const viaThird = await attempt({ section: '§3', what: 'the same checkpoint enumerated through a third token', expect: 429, by: () => third.post('/v1/scans', { scans: strangers('cp2', 10) }) });
      expect(viaThird.status).toBe(429);
      // A code scan does not look an ID number up: the gate keeps working for residents with phones.
      const person = (await workerG2.post<{ personId: string }>('/v1/residents', newResident('b2'))).body;
      const code = (await workerG2.get<{ code: string }>(`/v1/residents/${person.personId}/code`)).body.code;
      expect((await third.post('/v1/scans', { scans: [{ scanId: id('code'), checkpointId: 'cp2', code, direction: 'in', temperatureC: 36.5, scannedAt: now() }] })).status).toBe(200);
    });

    it("refuses a household id already in another building, at registration and in orders", async () => {
      const householdId = id('hh');
      expect((await workerG1.post('/v1/residents', newResident('b1', householdId))).status).toBe(201);

      const registered = await attempt({ section: '§3', what: "a grid worker files a person into another building's household", expect: 409, by: () => workerG2.post('/v1/residents', newResident('b2', householdId)) });
      const ordered = await attempt({ section: '§3', what: "a dispatcher sends an order to another building's household", expect: 409, by: () => dispatcherG2.post('/v1/deliveries', order(id('d'), 'b2', householdId)) });
      const grouped = await attempt({
        section: '§3', what: "a group buy names another building's household", expect: 409,
        by: () => dispatcherG2.post('/v1/group-buys', { groupBuyId: id('gb'), gridId: 'g2', item: 'eggs', arrivedAt: now(), households: [{ householdId, buildingId: 'b2', quantity: 1 }] }),
      });

      expect([registered.status, ordered.status, grouped.status]).toEqual([409, 409, 409]);
      expect(registered.body).toMatchObject({ error: { details: [{ path: 'householdId' }] } });
    });

    it("cannot block another grid's delivery or group buy by taking its id first", async () => {
      const deliveryId = id('claim');
      expect((await dispatcherG2.post('/v1/deliveries', order(deliveryId, 'b2'))).status).toBe(202);

      // The owner's order under the same id goes through, and the owner reads their own.
      const owner = await dispatcherG1.post('/v1/deliveries', order(deliveryId, 'b1'));
      const ownerRead = await dispatcherG1.get<{ gridId: string }>(`/v1/deliveries/${deliveryId}`);
      tried.push({ section: '§3', what: "a dispatcher pre-claims another grid's delivery id", status: owner.status, refused: owner.status === 202 && ownerRead.body.gridId === 'g1', detail: 'the owner was not blocked' });
      expect(owner.status).toBe(202);
      expect(ownerRead.body.gridId).toBe('g1');
      // The intruder's own grid still sees its own, and a different body under its id is its own 409.
      expect((await dispatcherG2.get<{ gridId: string }>(`/v1/deliveries/${deliveryId}`)).body.gridId).toBe('g2');
      const again = await attempt({ section: '§3', what: 'the same delivery id with another body', expect: 409, by: () => dispatcherG2.post('/v1/deliveries', order(deliveryId, 'b2', 'b2-h1', 'flour')) });
      expect(again.status).toBe(409);

      // Group-buy delivery ids are derived from ids anyone may know: taken in advance by another grid.
      const groupBuyId = id('gb');
      const derived = groupBuyDeliveryId(groupBuyId, 'b1-h7');
      expect((await dispatcherG2.post('/v1/deliveries', order(derived, 'b2'))).status).toBe(202);
      const groupBuy = await dispatcherG1.post('/v1/group-buys', { groupBuyId, gridId: 'g1', item: 'eggs', arrivedAt: now(), households: [{ householdId: 'b1-h7', buildingId: 'b1', quantity: 2 }] });
      tried.push({ section: '§3', what: "a dispatcher pre-claims another grid's group-buy delivery ids", status: groupBuy.status, refused: groupBuy.status === 202, detail: 'the group buy was not blocked' });
      expect(groupBuy.status).toBe(202);
    });

    it("cannot block another grid's case or log by taking its id first, and an id two grids use is resolved by the caller's grid", async () => {
      const register = async (worker: FirstlineClient, buildingId: string) => (await worker.post<{ personId: string }>('/v1/residents', newResident(buildingId))).body.personId;
      const [mine, theirs] = [await register(workerG1, 'b1'), await register(workerG2, 'b2')];
      const caseId = id('case-claim');
      const reported = (personId: string) => ({ caseId, personId, category: 'close-contact', reportedAt: now(), quarantine: 'home' });
      expect((await workerG2.post('/v1/cases', reported(theirs))).status).toBe(201);
      const owner = await workerG1.post<{ gridId: string }>('/v1/cases', reported(mine));
      tried.push({ section: '§3', what: "a grid worker pre-claims another grid's case id", status: owner.status, refused: owner.status === 201 && owner.body.gridId === 'g1', detail: 'the owner was not blocked' });
      expect(owner.status).toBe(201);
      expect(owner.body.gridId).toBe('g1');
      // Each grid releases its own case under the shared id.
      const released = await workerG1.post<{ personId: string }>(`/v1/cases/${caseId}/release`, { releasedAt: now() });
      expect([released.status, released.body.personId]).toEqual([200, mine]);
      expect((await workerG2.post<{ personId: string }>(`/v1/cases/${caseId}/release`, { releasedAt: now() })).body.personId).toBe(theirs);

      const logId = id('log-claim');
      const lateLog = (gridId: string) => ({ logId, gridId, date: addDays(today(), -2), householdsVisited: 1, residentsScreened: 1, disinfectionRounds: 1, masksDistributed: 0, keyPersonsFound: 0 });
      expect((await workerG2.post('/v1/grid-logs', lateLog('g2'))).status).toBe(201);
      const ownLog = await workerG1.post<{ gridId: string }>('/v1/grid-logs', lateLog('g1'));
      tried.push({ section: '§3', what: "a grid worker pre-claims another grid's log id", status: ownLog.status, refused: ownLog.status === 201 && ownLog.body.gridId === 'g1', detail: 'the owner was not blocked' });
      expect([ownLog.status, ownLog.body.gridId]).toEqual([201, 'g1']);
      // An admin, who may mean either, names the grid; without it the id is ambiguous (409), never the wrong grid's.
      const ambiguous = await admin.post(`/v1/admin/grid-logs/${logId}/approve`, { reason: 'network down that evening' });
      expect(ambiguous.status).toBe(409);
      const approved = await admin.post<{ gridId: string; countsForCertification: boolean }>(`/v1/admin/grid-logs/${logId}/approve`, { reason: 'network down that evening', gridId: 'g1' });
      expect([approved.status, approved.body.gridId, approved.body.countsForCertification]).toEqual([200, 'g1', true]);
    });

    it('answers the same client id with a different body with 409 on every create', async () => {
      const resident = newResident('b1');
      expect((await workerG1.post('/v1/residents', resident)).status).toBe(201);
      const person = (await workerG1.post<{ personId: string }>('/v1/residents', newResident('b1'))).body;
      const caseId = id('case');
      expect((await workerG1.post('/v1/cases', { caseId, personId: person.personId, category: 'close-contact', reportedAt: now(), quarantine: 'home' })).status).toBe(201);
      const logId = id('log');
      const log = { logId, gridId: 'g1', date: today(), householdsVisited: 3, residentsScreened: 5, disinfectionRounds: 2, masksDistributed: 10, keyPersonsFound: 0 };
      expect((await workerG1.post('/v1/grid-logs', log)).status).toBe(201);
      const scan = { scanId: id('scan'), checkpointId: 'cp1', idNumber: resident.idNumber, direction: 'in', temperatureC: 36.5, scannedAt: now() };
      const scanner = await as('scanner', ['cp1']);
      expect((await scanner.post('/v1/scans', { scans: [scan] })).status).toBe(200);
      const groupBuy = { groupBuyId: id('gb'), gridId: 'g1', item: 'milk', arrivedAt: now(), households: [{ householdId: 'b1-h8', buildingId: 'b1', quantity: 1 }] };
      expect((await dispatcherG1.post('/v1/group-buys', groupBuy)).status).toBe(202);

      const statuses = await Promise.all([
        attempt({ section: '§3', what: 'a scan id again with another body', expect: 409, by: () => scanner.post('/v1/scans', { scans: [{ ...scan, temperatureC: 36.6 }] }) }),
        attempt({ section: '§3', what: 'a resident again with other details', expect: 409, by: () => workerG1.post('/v1/residents', { ...resident, phone: '13900009999' }) }),
        attempt({ section: '§3', what: 'a case id again with another body', expect: 409, by: () => workerG1.post('/v1/cases', { caseId, personId: person.personId, category: 'suspected', reportedAt: now(), quarantine: 'home' }) }),
        attempt({ section: '§3', what: 'a log id again with another body', expect: 409, by: () => workerG1.post('/v1/grid-logs', { ...log, disinfectionRounds: 3 }) }),
        attempt({ section: '§3', what: 'a group buy id again with other households', expect: 409, by: () => dispatcherG1.post('/v1/group-buys', { ...groupBuy, households: [{ ...groupBuy.households[0]!, quantity: 5 }] }) }),
      ]);

      expect(statuses.map((s) => s.status)).toEqual([409, 409, 409, 409, 409]);
    });

    it('reads scopes as an array of ids, honours * only where a role needs it, and knows no sentinel', async () => {
      const packed = await attempt({ section: '§3', what: 'two grids packed into one scope string', expect: 401, by: async () => (await as('grid-worker', ['g1 g2'])).get('/v1/reports/daily?level=grid&id=g2&date=' + today()) });
      const commaString = await attempt({
        section: '§3', what: 'scopes sent as one comma-separated string', expect: 401,
        by: async () => stack.client.withToken(await rawToken({ role: 'grid-worker', district, scopes: 'g1,g2', iat: seconds(), exp: seconds() + 600 })).get('/v1/reports/daily?level=grid&id=g2&date=' + today()),
      });
      await (await as('dispatcher', ['*'])).put('/v1/volunteers/v-abuse', { name: '王五', phone: '13900001234', roles: ['runner'], gridIds: ['g3'], onDuty: false, capacity: 2 });
      const wildcardVolunteer = await attempt({ section: '§3', what: "a volunteer token with * reads another volunteer's tasks", expect: 403, by: async () => (await as('volunteer', ['*'])).get('/v1/volunteers/v-abuse/tasks') });
      const queued = id('q');
      expect((await (await as('dispatcher', ['g3'])).post('/v1/deliveries', order(queued, 'b3'))).status).toBe(202);
      const unheld = await attempt({ section: '§3', what: 'a volunteer reads a delivery nobody holds yet', expect: 403, by: async () => (await as('volunteer', ['v-abuse'])).get(`/v1/deliveries/${queued}`) });

      expect([packed.status, commaString.status, wildcardVolunteer.status, unheld.status]).toEqual([401, 401, 403, 403]);
    });

    it('honours scopes on the epidemic-free listing and the city routes as on the daily report', async () => {
      const command = await as('command', ['g1']);
      const listing = await attempt({ section: '§3', what: 'a command token of one grid lists every grid', expect: 403, by: () => command.get(`/v1/reports/epidemic-free?level=grid&date=${today()}`) });
      const cityCommand = await as('command', ['g1'], undefined, 'city');
      const cityDaily = await attempt({ section: '§3', what: "a city command token of one grid reads the city's report", expect: 403, by: () => cityCommand.get(`/v1/city/reports/daily?date=${today()}`) });
      const citySeries = await attempt({ section: '§3', what: "a city command token of one grid reads the city's series", expect: 403, by: () => cityCommand.get(`/v1/city/reports/series?from=${addDays(today(), -1)}&to=${today()}`) });

      expect([listing.status, cityDaily.status, citySeries.status]).toEqual([403, 403, 403]);
      expect((await (await as('command', ['*'])).get(`/v1/reports/epidemic-free?level=grid&date=${today()}`)).status).toBe(200);
    });

    it('refuses tokens without exp, living longer than the maximum, or issued in the future', async () => {
      const read = (t: string) => stack.client.withToken(t).get(`/v1/reports/daily?level=grid&id=g1&date=${today()}`);
      const claims = { role: 'command', district, scopes: ['*'] };
      const statuses = [
        await attempt({ section: '§3', what: 'a token without exp', expect: 401, by: async () => read(await rawToken({ ...claims, iat: seconds() })) }),
        await attempt({ section: '§3', what: 'a token living a week', expect: 401, by: async () => read(await stack.client.localToken({ role: 'command', district, scopes: ['*'], ttlSeconds: 7 * 86_400 })) }),
        await attempt({ section: '§3', what: 'a token one second over the maximum lifetime', expect: 401, by: async () => read(await rawToken({ ...claims, iat: seconds() - 10, exp: seconds() - 9 + tokenRules.maxLifetimeSeconds })) }),
        await attempt({ section: '§3', what: 'a token issued an hour in the future', expect: 401, by: async () => read(await rawToken({ ...claims, iat: seconds() + 3600, exp: seconds() + 7200 })) }),
      ].map((r) => r.status);

      expect(statuses).toEqual([401, 401, 401, 401]);
      expect((await read(await rawToken({ ...claims, iat: seconds(), exp: seconds() + 600 }))).status).toBe(200);
    });
  });

  describe('§4 a cost cap on every request', () => {
    it('refuses future days and more never-closed grid-days than one request may read', async () => {
      const command = await as('command', ['*']);
      const statuses = [
        await attempt({ section: '§4', what: 'a series into the future', expect: 400, by: () => command.get(`/v1/reports/series?level=district&id=${district}&from=${today()}&to=${addDays(today(), 30)}`) }),
        await attempt({ section: '§4', what: 'a district series of 92 never-closed days', expect: 400, by: () => command.get(`/v1/reports/series?level=district&id=${district}&from=${addDays(today(), -91)}&to=${today()}`) }),
        await attempt({ section: '§4', what: 'the epidemic-free listing of a future day', expect: 400, by: () => command.get(`/v1/reports/epidemic-free?level=grid&date=${addDays(today(), 1)}`) }),
        await attempt({ section: '§4', what: 'a daily report of a future day', expect: 400, by: () => command.get(`/v1/reports/daily?level=district&id=${district}&date=${addDays(today(), 2)}`) }),
      ];

      expect(statuses.map((s) => s.status)).toEqual([400, 400, 400, 400]);
      expect(statuses[1]!.body).toMatchObject({ error: { code: 'validation', details: [{ path: 'from', message: expect.stringContaining('not closed') }] } });
      // A range the cap allows still answers.
      expect((await command.get(`/v1/reports/series?level=district&id=${district}&from=${addDays(today(), -6)}&to=${today()}`)).status).toBe(200);
    });
  });

  describe('§5 least privilege for keys', () => {
    it('keeps each key in its own file, and the public key route and the sealing half give the public part only', async () => {
      const files = (await readdir(join(stack.dataDir, 'keys', district))).sort();
      expect(files).toEqual(['code-public-key.json', 'code-signing-key.json', 'contact-open.json', 'contact-seal.json', 'pseudonym-key.json']);
      const published = JSON.parse(await readFile(join(stack.dataDir, 'keys', district, 'code-public-key.json'), 'utf8')) as { codePublicKey: Record<string, string> };
      expect(published.codePublicKey['d']).toBeUndefined();
      // The contact key's sealing half holds no private part: a function given it can seal, never open.
      const sealing = JSON.parse(await readFile(join(stack.dataDir, 'keys', district, 'contact-seal.json'), 'utf8')) as Record<string, Record<string, string>>;
      expect(Object.keys(sealing)).toEqual(['publicKey']);
      expect(sealing['publicKey']!['d']).toBeUndefined();
      const keys = await (await as('scanner', ['cp1'])).get<{ keys: Record<string, string>[] }>('/v1/keys/codes');
      expect(keys.body.keys.map((k) => k['d'])).toEqual([undefined]);
      expect(keys.body.keys[0]!['x']).toBe(published.codePublicKey['x']);
    });
  });

  describe('§6 smaller holes', () => {
    it('answers a normal request after one over the body limit on the same connection (no 502)', async () => {
      const tooLarge = await attempt({ section: '§6', what: 'a body over the route limit through the front', expect: 413, by: () => workerG1.post('/v1/residents', { ...newResident('b1'), name: 'x'.repeat(300 * 1024) }) });
      const next = await workerG1.post('/v1/residents', newResident('b1'));

      expect(tooLarge.status).toBe(413);
      expect(next.status).toBe(201);
    });

    it('sends the CSP, frame and nosniff headers with the dashboard, the app and the API', async () => {
      for (const path of ['/', '/app/', '/openapi.json', '/v1/residents/p_AAAAAAAAAAAAAAAAAAAAAAAA']) {
        const res = await fetch(`${stack.url}${path}`);
        expect(res.headers.get('content-security-policy'), path).toBe(siteContentSecurityPolicy.replace('; upgrade-insecure-requests', ''));
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      }
    });

    it('keeps the SQS emulator on loopback', async () => {
      const { endpoints } = (await stack.client.get<{ endpoints: { sqs: string; dynamodb: string } }>('/local/status')).body;
      for (const endpoint of [endpoints.sqs, endpoints.dynamodb]) {
        const { hostname, port } = new URL(endpoint);
        expect(hostname).toBe('127.0.0.1');
        const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
        if (!outside) continue;
        const reached = await new Promise<boolean>((resolve) => {
          const socket = connect({ host: outside.address, port: Number(port) });
          socket.once('connect', () => { socket.destroy(); resolve(true); });
          socket.once('error', () => resolve(false));
        });
        expect(reached, `${endpoint} from ${outside.address}`).toBe(false);
      }
    });
  });

  it('refused every attack tried with the 4xx it should, never a 5xx', () => {
    expect(tried.length).toBeGreaterThanOrEqual(25);
    expect(tried.filter((t) => !t.refused)).toEqual([]);
    expect(tried.filter((t) => t.status >= 500)).toEqual([]);
  });
});
