import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '@firstline/client';
import { FirstlineClient } from '@firstline/client';
import { demoDistrict } from '@firstline/local/demo-district';
import type { ContractKey, DeliveryView, RouteContract, RouteResponse } from '@firstline/schemas';
import { apiDocument, contracts } from '@firstline/schemas';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';

/**
 * Every route of a seeded stack (the demo district and the city), called once the way its users
 * call it, its success body parsed with its contract's response schema. The schemas are strict, so
 * a field the handler adds, drops or types differently fails here: the OpenAPI document (built
 * from the schemas) cannot drift from what the handlers send.
 */
const { registry } = demoDistrict('demo');
const [gridA, gridB] = [registry.grids[0]!.id, registry.grids[1]!.id];
const buildingOf = (gridId: string) => registry.buildings.find((b) => b.gridId === gridId)!.id;
const checkpoint = registry.checkpoints.find((c) => c.gridId === gridA)!.id;
const community = registry.communities[0]!.id;
const street = registry.streets[0]!.id;

/** A calendar day in the demo district's time zone, `days` from today. */
const dayFromToday = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() + days * 86_400_000);
const today = dayFromToday(0);
const yesterday = dayFromToday(-1);
/** Ids no seed uses, fresh per run, so each create is a first create. */
const run = `oa${Date.now().toString(36)}`;

let stack: RunningStack;
const as: Record<'admin' | 'gridWorker' | 'scanner' | 'dispatcher' | 'command' | 'city', FirstlineClient> = {} as never;
const checked = new Set<ContractKey>();

/** The success status and a body the route's response schema parses as it is, or the schema's complaint. */
function expectContract<K extends ContractKey>(key: K, res: ApiResponse<unknown>) {
  const contract: RouteContract = contracts[key];
  expect(res.status, `${key}: ${JSON.stringify(res.body)}`).toBe(contract.status);
  expect(res.headers.get('content-type'), key).toMatch(/^application\/json/);
  const parsed = contract.response.safeParse(res.body);
  expect(parsed.success ? [] : parsed.error.issues, `${key} answered ${JSON.stringify(res.body).slice(0, 2_000)}`).toEqual([]);
  checked.add(key);
}

/** A report route's CSV answer: text, one header line and at least one row. */
function expectCsv(key: ContractKey, res: ApiResponse<unknown>) {
  expect(res.status, key).toBe(200);
  expect(res.headers.get('content-type'), key).toMatch(/^text\/csv/);
  expect(String(res.body).trim().split('\n').length, key).toBeGreaterThan(1);
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  stack = await startStack({ seed: true, city: true, env: { FIRSTLINE_DISTRICTS: 'demo' } });
  for (const [name, role] of [['admin', 'admin'], ['gridWorker', 'grid-worker'], ['scanner', 'scanner'], ['dispatcher', 'dispatcher'], ['command', 'command']] as const) {
    as[name] = await stack.as(role);
  }
  as.city = stack.client.withToken(await stack.client.localToken({ role: 'command', district: 'city', scopes: ['*'] }));
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the OpenAPI documents as served', () => {
  it('parse as documents, and each server they name, resolved where the document was fetched, reaches the routes', async () => {
    const command = (district: string) => stack.client.localToken({ role: 'command', district, scopes: ['*'] });
    const documents = [
      { at: '/openapi.json', route: `/v1/reports/epidemic-free?level=grid&date=${today}`, token: await command('demo') },
      { at: '/districts/demo/openapi.json', route: `/v1/reports/epidemic-free?level=grid&date=${today}`, token: await command('demo') },
      { at: '/city/openapi.json', route: `/v1/city/reports/daily?date=${today}`, token: await command('city') },
    ];
    for (const { at, route, token } of documents) {
      const res = await stack.client.get(at);
      expectContract('GET /openapi.json', res);
      for (const server of apiDocument.parse(res.body).servers) {
        const base = new URL(server.url, `${stack.url}${at}`).href.replace(/\/$/, '');
        const reached = await new FirstlineClient({ baseUrl: base, token }).get(route);
        expect(reached.status, `${at}: server ${server.url} → ${base}${route}`).toBe(200);
      }
    }
  });
});

describe('every route answers what its contract says', () => {
  let personId: string;
  let code: string;
  let deliveryId: string;

  it('the registry', async () => {
    expectContract('PUT /v1/registry', await as.admin.put('/v1/registry', registry));
  });

  it('residents, their codes and their scans', async () => {
    const registered = await as.gridWorker.post<{ personId: string }>('/v1/residents', {
      idNumber: `${run}0001`.toUpperCase(), name: '王小明', phone: '13800001111', buildingId: buildingOf(gridA), householdId: `${buildingOf(gridA)}-h1`,
    });
    expectContract('POST /v1/residents', registered);
    personId = registered.body.personId;

    const issued = await as.gridWorker.get<{ code: string }>(`/v1/residents/${personId}/code`);
    expectContract('GET /v1/residents/{personId}/code', issued);
    code = issued.body.code;

    const scans = await as.scanner.post('/v1/scans', {
      scans: [
        { scanId: `${run}-s1`, checkpointId: checkpoint, code, direction: 'in', temperatureC: 36.6, scannedAt: new Date().toISOString() },
        // Nobody has this ID number: the result's person is null.
        { scanId: `${run}-s2`, checkpointId: checkpoint, idNumber: `${run}9999`.toUpperCase(), direction: 'out', temperatureC: 36.4, scannedAt: new Date().toISOString() },
      ],
    });
    expectContract('POST /v1/scans', scans);
    expect(scans.body).toMatchObject({ results: [{ person: { personId } }, { person: null }] });

    const viewed = await as.gridWorker.get<{ recentScans: unknown[] }>(`/v1/residents/${personId}`);
    expectContract('GET /v1/residents/{personId}', viewed);
    expect(viewed.body.recentScans).toHaveLength(1);
  });

  it("a resident's own household and request, and the key gates verify codes with", async () => {
    const resident = await stack.as('resident', [personId]);
    expectContract('POST /v1/deliveries', await resident.post('/v1/deliveries', {
      deliveryId: `${run}-own`, householdId: `${buildingOf(gridA)}-h1`, buildingId: buildingOf(gridA), kind: 'groceries', items: [{ name: 'rice 5 kg', quantity: 1 }],
      priority: 'normal', requestedAt: new Date().toISOString(),
    }));
    const household = await resident.get<{ deliveries: { deliveryId: string }[] }>(`/v1/residents/${personId}/household`);
    expectContract('GET /v1/residents/{personId}/household', household);
    expect(household.body.deliveries.map((d) => d.deliveryId)).toContain(`${run}-own`);
    expectContract('GET /v1/keys/codes', await as.scanner.get('/v1/keys/codes'));
    expectContract('PUT /v1/residents/{personId}/contact', await resident.put(`/v1/residents/${personId}/contact`, { phone: '13700004444', consent: true }));
    expectContract('DELETE /v1/residents/{personId}/contact', await resident.delete(`/v1/residents/${personId}/contact`));
    expectContract('PUT /v1/households/{householdId}/needs', await as.gridWorker.put(`/v1/households/${buildingOf(gridA)}-h1/needs`, {
      buildingId: buildingOf(gridA), needs: ['pregnancy', 'elderly-alone'], dueDate: dayFromToday(30),
    }));
    expectContract('GET /v1/households/needs', await as.gridWorker.get(`/v1/households/needs?gridId=${gridA}`));
    expectContract('POST /v1/urgent-requests', await resident.post('/v1/urgent-requests', {
      requestId: `${run}-urgent`, householdId: `${buildingOf(gridA)}-h1`, buildingId: buildingOf(gridA), kind: 'dialysis', neededAt: new Date().toISOString(),
    }));
    expectContract('POST /v1/urgent-requests/{requestId}/steps', await as.gridWorker.post(`/v1/urgent-requests/${run}-urgent/steps`, { step: 'arranged', how: 'a volunteer driver' }));
    expectContract('GET /v1/urgent-requests', await as.gridWorker.get(`/v1/urgent-requests?gridId=${gridA}`));
    expectContract('POST /v1/households/{householdId}/visits', await as.gridWorker.post(`/v1/households/${buildingOf(gridA)}-h1/visits`, {
      at: new Date().toISOString(), kind: 'visit', found: 'well', note: 'checked by the contract test',
    }));
  });

  it('a testing round: opened, listed, sampled, its results, its progress; a self-test', async () => {
    const communityOfA = registry.grids.find((g) => g.id === gridA)!.communityId;
    const round = {
      roundId: `${run}-round`, communityId: communityOfA, kind: 'antigen', day: today, place: '北门',
      slots: [{ from: `${today}T00:00:00+08:00`, to: `${today}T23:59:00+08:00`, buildingIds: [buildingOf(gridA)] }],
    };
    expectContract('POST /v1/test-rounds', await as.gridWorker.post('/v1/test-rounds', round));
    expectContract('GET /v1/test-rounds', await as.scanner.get(`/v1/test-rounds?day=${today}&checkpointId=${checkpoint}`));
    expectContract('POST /v1/test-rounds/{roundId}/samples', await as.scanner.post(`/v1/test-rounds/${run}-round/samples`, {
      checkpointId: checkpoint, samples: [{ sampleId: `${run}-sample`, idNumber: `${run}0001`.toUpperCase(), sampledAt: new Date().toISOString(), tubeId: `${run}-tube` }],
    }));
    expectContract('POST /v1/test-rounds/{roundId}/results', await as.gridWorker.post(`/v1/test-rounds/${run}-round/results`, { results: [{ tubeId: `${run}-tube`, result: 'negative' }] }));
    expectContract('GET /v1/test-rounds/{roundId}', await as.gridWorker.get(`/v1/test-rounds/${run}-round?gridId=${gridA}`));
    const resident = await stack.as('resident', [personId]);
    expectContract('POST /v1/residents/{personId}/self-tests', await resident.post(`/v1/residents/${personId}/self-tests`, { testId: `${run}-self`, result: 'negative', takenAt: new Date().toISOString() }));
  });

  it('cases and their release', async () => {
    expectContract('POST /v1/cases', await as.gridWorker.post('/v1/cases', {
      caseId: `${run}-case`, personId, category: 'close-contact', reportedAt: new Date().toISOString(), quarantine: 'home',
    }));
    expectContract('POST /v1/cases/{caseId}/release', await as.gridWorker.post(`/v1/cases/${run}-case/release`, { releasedAt: new Date().toISOString() }));
    expect((await as.gridWorker.post('/v1/cases', {
      caseId: `${run}-confirmed`, personId, category: 'confirmed', reportedAt: new Date().toISOString(), quarantine: 'central',
    })).status).toBe(201);
    const pending = await as.gridWorker.post(`/v1/cases/${run}-confirmed/release`, { releasedAt: new Date().toISOString() });
    expectContract('POST /v1/cases/{caseId}/release', pending);
    expect(pending.body).toMatchObject({ release: 'pending-approval', codeColor: 'red' });
    const approved = await as.admin.post(`/v1/admin/cases/${run}-confirmed/approve-release`, { reason: 'two negative tests' });
    expectContract('POST /v1/admin/cases/{caseId}/approve-release', approved);
    expect(approved.body).toMatchObject({ release: 'released', codeColor: 'green' });
  });

  it('grid logs', async () => {
    expectContract('POST /v1/grid-logs', await as.gridWorker.post('/v1/grid-logs', {
      logId: `${run}-log`, gridId: gridB, date: today, householdsVisited: 3, residentsScreened: 5, disinfectionRounds: 2, masksDistributed: 10, keyPersonsFound: 0, note: 'checked by the contract test',
    }));
    const late = await as.gridWorker.post('/v1/grid-logs', {
      logId: `${run}-late-log`, gridId: gridB, date: yesterday, householdsVisited: 3, residentsScreened: 5, disinfectionRounds: 2, masksDistributed: 10, keyPersonsFound: 0,
    });
    expectContract('POST /v1/grid-logs', late);
    expect(late.body).toMatchObject({ late: true, countsForCertification: false });
    expectContract('POST /v1/admin/grid-logs/{logId}/approve', await as.admin.post(`/v1/admin/grid-logs/${run}-late-log/approve`, { reason: 'checked by the contract test' }));
    expectContract('POST /v1/admin/grid-logs/approve', await as.admin.post('/v1/admin/grid-logs/approve', { logIds: [`${run}-late-log`], reason: 'checked by the contract test' }));
    expectContract('POST /v1/admin/grid-logs/reopen', await as.admin.post('/v1/admin/grid-logs/reopen', { gridId: gridB, date: dayFromToday(-10), reason: 'checked by the contract test' }));
  });

  it('volunteers, deliveries and group-buys', async () => {
    expectContract('PUT /v1/volunteers/{volunteerId}', await as.dispatcher.put(`/v1/volunteers/${run}-v`, {
      name: '赵六', phone: '13900002222', roles: ['delivery'], gridIds: [gridB], onDuty: true, capacity: 2,
    }));
    deliveryId = `${run}-d`;
    expectContract('POST /v1/deliveries', await as.dispatcher.post('/v1/deliveries', {
      deliveryId, householdId: `${buildingOf(gridB)}-h2`, buildingId: buildingOf(gridB), kind: 'medicine', items: [{ name: 'insulin', quantity: 1 }],
      priority: 'medical', requestedAt: new Date().toISOString(),
    }));
    expectContract('POST /v1/group-buys', await as.dispatcher.post('/v1/group-buys', {
      groupBuyId: `${run}-gb`, gridId: gridB, item: 'eggs 30', arrivedAt: new Date().toISOString(),
      households: [1, 2].map((h) => ({ householdId: `${buildingOf(gridB)}-h${h}`, buildingId: buildingOf(gridB), quantity: 1 })),
    }));
    expectContract('GET /v1/deliveries/{deliveryId}', await as.dispatcher.get(`/v1/deliveries/${deliveryId}`));
    expectContract('POST /v1/group-buys/{groupBuyId}/calls', await as.dispatcher.post(`/v1/group-buys/${run}-gb/calls`, { gridId: gridB, from: 1, perMinute: 10, pickup: '北门' }));

    // The seeded group-buy fills the first grid: more than a page of five, so the page has a cursor.
    const first = await as.dispatcher.get<{ next?: string }>(`/v1/deliveries?gridId=${gridA}&limit=5`);
    expectContract('GET /v1/deliveries', first);
    expect(first.body.next).toBeDefined();
    expectContract('GET /v1/deliveries', await as.dispatcher.get(`/v1/deliveries?gridId=${gridA}&limit=5&next=${first.body.next}`));
  });

  it("a volunteer's tasks and events", async () => {
    const assigned = await until('the medical delivery to be dispatched', async () => {
      const d = (await as.dispatcher.get<DeliveryView>(`/v1/deliveries/${deliveryId}`)).body;
      return d.status === 'assigned' ? d : undefined;
    });
    const volunteer = await stack.as('volunteer', [assigned.volunteerId!]);

    const tasks = await volunteer.get<{ tasks: DeliveryView[] }>(`/v1/volunteers/${assigned.volunteerId}/tasks`);
    expectContract('GET /v1/volunteers/{volunteerId}/tasks', tasks);
    expect(tasks.body.tasks.map((t) => t.deliveryId)).toContain(deliveryId);

    expectContract('PUT /v1/volunteers/{volunteerId}/duty', await volunteer.put(`/v1/volunteers/${assigned.volunteerId}/duty`, { onDuty: true }));
    const picked = await volunteer.post(`/v1/deliveries/${deliveryId}/events`, { type: 'picked-up', at: new Date().toISOString() });
    expectContract('POST /v1/deliveries/{deliveryId}/events', picked);
    // A first failure sends it back to the queue: a history entry with a reason, and one no one made.
    const failed = await volunteer.post<DeliveryView>(`/v1/deliveries/${deliveryId}/events`, { type: 'failed', at: new Date().toISOString(), reason: 'not-home', note: 'no answer' });
    expectContract('POST /v1/deliveries/{deliveryId}/events', failed);
    expect(failed.body.history.at(-1)).toEqual({ status: 'queued', at: expect.any(String) });
  });

  it("reports: live today and closed yesterday, at every level, JSON and CSV; series; epidemic-free", async () => {
    for (const [level, id] of [['grid', gridA], ['community', community], ['street', street], ['district', 'demo']] as const) {
      for (const date of [today, yesterday]) {
        const target = `/v1/reports/daily?level=${level}&id=${id}&date=${date}`;
        expectContract('GET /v1/reports/daily', await as.command.get(target));
        expectCsv('GET /v1/reports/daily', await as.command.get(target, { accept: 'text/csv' }));
      }
      expectContract('GET /v1/reports/series', await as.command.get(`/v1/reports/series?level=${level}&id=${id}&from=${dayFromToday(-7)}&to=${today}`));
    }
    for (const level of ['grid', 'community', 'street'] as const) {
      expectContract('GET /v1/reports/epidemic-free', await as.command.get(`/v1/reports/epidemic-free?level=${level}&date=${yesterday}`));
    }
  });

  it('the battle map: every grid for the command center, live today and closed yesterday, agreeing with the district report; a grid worker sees their own grid', async () => {
    for (const date of [today, yesterday]) {
      const map = await as.command.get<RouteResponse<'GET /v1/reports/map'>>(`/v1/reports/map?date=${date}`);
      expectContract('GET /v1/reports/map', map);
      const report = (await as.command.get<RouteResponse<'GET /v1/reports/daily'>>(`/v1/reports/daily?level=district&id=demo&date=${date}`)).body;
      expect(map.body.grids.map((g) => g.id), date).toEqual(registry.grids.map((g) => g.id));
      expect(map.body.counts.free, date).toBe(report.epidemicFree.free);
      expect(map.body.grids.filter((g) => !g.reported).length, date).toBe(report.reporting.grids - report.reporting.reported);
    }
    const own = await (await stack.as('grid-worker', [gridB])).get<RouteResponse<'GET /v1/reports/map'>>(`/v1/reports/map?date=${yesterday}`);
    expectContract('GET /v1/reports/map', own);
    expect(own.body.grids.map((g) => g.id)).toEqual([gridB]);
  });

  it('the care report: a district today (with what stands now) and yesterday, and the city reading it', async () => {
    const live = await as.command.get<RouteResponse<'GET /v1/reports/care'>>(`/v1/reports/care?level=district&id=demo&date=${today}`);
    expectContract('GET /v1/reports/care', live);
    expect(live.body.now).toBeDefined();
    const past = await as.command.get<RouteResponse<'GET /v1/reports/care'>>(`/v1/reports/care?level=district&id=demo&date=${yesterday}`);
    expectContract('GET /v1/reports/care', past);
    expect(past.body.now).toBeUndefined();
  });

  it('the work lists: fevers to follow up (and a follow-up), open cases, quarantines ending, grids not reported; JSON and CSV', async () => {
    expect((await as.scanner.post('/v1/scans', {
      scans: [{ scanId: `${run}-fever`, checkpointId: checkpoint, idNumber: `${run}0001`.toUpperCase(), direction: 'in', temperatureC: 38.6, scannedAt: new Date().toISOString() }],
    })).status).toBe(200);
    const fevers = await until('the fever scan on the work list', async () => {
      const list = await as.gridWorker.get<RouteResponse<'GET /v1/work-lists/fever-scans'>>(`/v1/work-lists/fever-scans?gridId=${gridA}`);
      return list.body.items.some((i) => i.scanId === `${run}-fever`) ? list : undefined;
    });
    expectContract('GET /v1/work-lists/fever-scans', fevers);
    expectCsv('GET /v1/work-lists/fever-scans', await as.command.get(`/v1/work-lists/fever-scans?gridId=${gridA}`, { accept: 'text/csv' }));
    expectContract('POST /v1/work-lists/fever-scans/{scanId}/follow-up', await as.gridWorker.post(`/v1/work-lists/fever-scans/${run}-fever/follow-up`, { gridId: gridA, outcome: 'case' }));
    for (const key of ['GET /v1/work-lists/open-cases', 'GET /v1/work-lists/quarantines-ending', 'GET /v1/work-lists/unreported-grids'] as const) {
      expectContract(key, await as.command.get(`${key.slice(4)}?limit=20`));
      const csv = await as.command.get(`${key.slice(4)}?lang=en`, { accept: 'text/csv' });
      expect(csv.status, key).toBe(200);
      expect(csv.headers.get('content-type'), key).toMatch(/^text\/csv/);
    }
  });

  it('closing a day, and the city it reports to', async () => {
    const started = await as.admin.post<RouteResponse<'POST /v1/admin/close-day'>>('/v1/admin/close-day', { date: yesterday });
    expectContract('POST /v1/admin/close-day', started);
    const done = await as.admin.closeDay(yesterday);
    expectContract('GET /v1/admin/closes/{closeId}', done);
    expect(done.body).toMatchObject({ days: [yesterday], done: true });
    expect(started.body.shards).toBeGreaterThan(0);

    const city = await as.city.get<{ children: unknown[] }>(`/v1/city/reports/daily?date=${yesterday}`);
    expectContract('GET /v1/city/reports/daily', city);
    expect(city.body.children).not.toEqual([]);
    expectCsv('GET /v1/city/reports/daily', await as.city.get(`/v1/city/reports/daily?date=${yesterday}`, { accept: 'text/csv' }));
    expectContract('GET /v1/city/reports/series', await as.city.get(`/v1/city/reports/series?from=${dayFromToday(-7)}&to=${today}`));
  });

  it('left no route unchecked', () => {
    expect([...checked].sort()).toEqual(Object.keys(contracts).sort());
  });
});
