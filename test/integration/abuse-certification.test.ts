import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, FirstlineClient } from '@firstline/client';
import { addDays, dayOf } from '@firstline/domain';
import type { RunningStack } from '../support/local-stack.ts';
import { startStack } from '../support/local-stack.ts';
import { drained, status } from '../support/pipeline.ts';
import { newResident, smallRegistry } from '../support/registry-fixture.ts';

/**
 * Issue 12 §1–§2 as the insider would try them: a grid worker who wants a certificate, a scanner
 * and a volunteer who want their times believed, each with a real token and within their own scope.
 * Every attack is refused with a 4xx in API.md's error shape, or, where the rules say so, accepted
 * but not counted (a late log, a release that waits for a second person). The suite prints how many
 * it tried and how each ended, for the closing note.
 */

const zone = 'Asia/Shanghai';
const today = dayOf(new Date(), zone);
const d1 = addDays(today, -1);
const d2 = addDays(today, -2);
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
/** 10:00 local on `day`: yesterday's and the day before's are inside the 72 h window whatever the hour now. */
const morningOf = (day: string) => `${day}T10:00:00+08:00`;

type Outcome = 'refused' | 'accepted, not counted';
const tried: { attack: string; expected: Outcome; got: string; held: boolean }[] = [];

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/** The answer is `status` in API.md's error shape, naming `path` when given. */
function refusedWith(res: ApiResponse<unknown>, statusCode: number, path?: string): boolean {
  const body = res.body as Partial<ErrorBody>;
  const shaped = typeof body?.error?.code === 'string' && typeof body.error.message === 'string';
  const named = path === undefined || (body.error?.details ?? []).some((d) => d.path === path);
  return res.status === statusCode && shaped && named;
}

/** Records one attack: `held` says the defence held as the rules want. */
function record(attack: string, expected: Outcome, got: string, held: boolean): void {
  tried.push({ attack, expected, got, held });
  expect(held, `${attack}: ${got}`).toBe(true);
}

async function refused(attack: string, res: ApiResponse<unknown>, statusCode: number, path?: string): Promise<void> {
  record(attack, 'refused', `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`, refusedWith(res, statusCode, path));
}

let stack: RunningStack;
let admin: FirstlineClient;
let secondAdmin: FirstlineClient;
let worker: FirstlineClient;
let scanner: FirstlineClient;
let command: FirstlineClient;

const log = (logId: string, gridId: string, date: string, fields: Record<string, unknown> = {}) => ({
  logId, gridId, date, householdsVisited: 20, residentsScreened: 40, disinfectionRounds: 2, masksDistributed: 50, keyPersonsFound: 0, ...fields,
});

interface GridRow {
  final: boolean;
  zeroStreakDays?: number;
  epidemicFree: { free: number };
  cases: Record<string, number>;
}
const gridReport = async (gridId: string, date: string) => (await command.get<GridRow>(`/v1/reports/daily?level=grid&id=${gridId}&date=${date}`)).body;

async function register(buildingId: string): Promise<{ personId: string; idNumber: string; householdId: string }> {
  const resident = newResident(buildingId);
  const res = await worker.post<{ personId: string }>('/v1/residents', resident);
  expect(res.status).toBe(201);
  return { personId: res.body.personId, idNumber: resident.idNumber, householdId: resident.householdId };
}

/** A token whose subject the test picks: two admins, or an admin who is also the reporter. */
async function tokenFor(role: string, sub: string): Promise<FirstlineClient> {
  const res = await stack.client.post<{ token: string }>('/local/tokens', { role, district: 'demo', scopes: ['*'], sub });
  expect(res.status).toBe(200);
  return stack.client.withToken(res.body.token);
}

beforeAll(async () => {
  stack = await startStack({ env: { FIRSTLINE_LOCAL_VISIBILITY_SECONDS: '2' } });
  admin = await tokenFor('admin', 'admin-wang');
  secondAdmin = await tokenFor('admin', 'admin-li');
  // One epidemic-free day is enough here: what decides each grid is the rule under attack, not the length.
  const policy = { epidemicFreeDays: 1, minDisinfectionRounds: 2, outings: { perHousehold: 1, everyDays: 2 } };
  expect((await admin.put('/v1/registry', { ...smallRegistry, district: { ...smallRegistry.district, policy } })).status).toBe(200);
  worker = await stack.as('grid-worker', ['g1', 'g2', 'g3']);
  scanner = await stack.as('scanner', ['cp1', 'cp2', 'cp3']);
  command = await stack.as('command', ['*']);

  // g2 and g3 logged the last two days; an admin kept those late entries (on paper first, typed in later).
  for (const gridId of ['g2', 'g3']) {
    for (const date of [d2, d1]) {
      expect((await worker.post('/v1/grid-logs', log(`base-${gridId}-${date}`, gridId, date))).status).toBe(201);
      expect((await admin.post(`/v1/admin/grid-logs/base-${gridId}-${date}/approve`, { reason: 'paper records typed in' })).status).toBe(200);
    }
  }
  // g3 had a close contact the day before yesterday, still in home quarantine.
  const contact = await register('b3');
  expect((await worker.post('/v1/cases', { caseId: 'g3-contact', personId: contact.personId, category: 'close-contact', reportedAt: morningOf(d2), quarantine: 'home' })).status).toBe(201);
  for (const date of [d2, d1]) expect((await admin.closeDay(date)).status).toBe(200);
}, 180_000);

afterAll(async () => {
  const held = tried.filter((t) => t.held).length;
  const byOutcome = (o: Outcome) => tried.filter((t) => t.expected === o && t.held).length;
  console.log([
    `abuse suite (certification and time bounds): ${tried.length} attacks tried, ${held} held`
      + ` (${byOutcome('refused')} refused with a 4xx, ${byOutcome('accepted, not counted')} accepted but not counted)`,
    ...tried.map((t) => `  ${t.held ? 'held  ' : 'BROKEN'} ${t.expected.padEnd(21)} ${t.attack} → ${t.got.slice(0, 120)}`),
  ].join('\n'));
  await stack?.stop();
});

describe('§1 a certification nobody can fake', () => {
  it('refuses a case dated outside the backlog window, in the future, or in a year that is not four digits', async () => {
    const person = await register('b1');
    const post = (caseId: string, reportedAt: string) => worker.post('/v1/cases', { caseId, personId: person.personId, category: 'confirmed', reportedAt, quarantine: 'central' });

    await refused('case dated six years back', await post('years-back', '2020-03-12T10:00:00+08:00'), 400, 'reportedAt');
    await refused('case dated 73 h back, just past the window', await post('window-back', hours(-73)), 400, 'reportedAt');
    await refused('case dated 10 minutes ahead', await post('ahead', hours(1 / 6)), 400, 'reportedAt');
    await refused('case dated year 0000 (+08:00)', await post('year-zero', '0000-01-01T10:00:00+08:00'), 400, 'reportedAt');
    await refused('case dated year +012020', await post('six-digit-year', '+012020-03-12T10:00:00+08:00'), 400, 'reportedAt');
    const view = await worker.get<{ codeColor: string }>(`/v1/residents/${person.personId}`);
    expect(view.body.codeColor).toBe('green');
  });

  it('refuses a log for a future day, for a day past the lock, or a year that is not four digits', async () => {
    // The district's day now, not when the file was loaded: a run across its midnight would send "tomorrow" as today.
    const now = dayOf(new Date(), zone);
    await refused('log for tomorrow', await worker.post('/v1/grid-logs', log('tomorrow', 'g1', addDays(now, 1))), 400, 'date');
    await refused('log dated ten days ahead', await worker.post('/v1/grid-logs', log('ten-ahead', 'g1', addDays(now, 10))), 400, 'date');
    await refused('log for a day past the lock (4 days back)', await worker.post('/v1/grid-logs', log('locked', 'g1', addDays(now, -4))), 400, 'date');
    await refused('log for 0000-01-01', await worker.post('/v1/grid-logs', log('year-zero', 'g1', '0000-01-01')), 400, 'date');
  });

  it('accepts back-filled logs for missed days as late, and they do not make a streak', async () => {
    const filled = [];
    for (const date of [d2, d1]) filled.push(await worker.post<{ late: boolean; countsForCertification: boolean }>('/v1/grid-logs', log(`backfill-g1-${date}`, 'g1', date)));
    for (const date of [d2, d1]) expect((await admin.closeDay(date)).status).toBe(200);
    const g1 = await gridReport('g1', d1);

    const notCounted = filled.every((r) => r.status === 201 && r.body.late && !r.body.countsForCertification) && g1.zeroStreakDays === 0 && g1.epidemicFree.free === 0;
    record('back-fill two missed days to make a streak', 'accepted, not counted', `late ${filled.map((r) => r.body.late)}, streak ${g1.zeroStreakDays}, free ${g1.epidemicFree.free}`, notCounted);
    await refused('a grid worker approving their own late log', await worker.post(`/v1/admin/grid-logs/backfill-g1-${d1}/approve`, { reason: 'trust me' }), 403);
    await refused('an approval without a reason', await admin.post(`/v1/admin/grid-logs/backfill-g1-${d1}/approve`, {}), 400, 'reason');
    expect((await gridReport('g2', d1)).epidemicFree.free, 'an approved late log counts').toBe(1);
  });

  it('keeps a grid with an open four-category case from being epidemic-free, whatever its zero-new-case streak', async () => {
    const g3 = await gridReport('g3', d1);
    const g2 = await gridReport('g2', d1);

    record('certify a grid while a close contact is still open', 'refused', `g3 on ${d1}: new cases 0, streak ${g3.zeroStreakDays}, free ${g3.epidemicFree.free} (g2 alike without the case: free ${g2.epidemicFree.free})`,
      g3.epidemicFree.free === 0 && g3.zeroStreakDays === 0 && Object.values(g3.cases).every((n) => n === 0) && g2.epidemicFree.free === 1);
  });

  it('revises a closed day and the days after it within a minute when a case is reported late, saying not final until then', async () => {
    const person = await register('b2');
    expect((await gridReport('g2', d1)).epidemicFree.free).toBe(1);
    const started = Date.now();

    const posted = await worker.post('/v1/cases', { caseId: 'g2-late', personId: person.personId, category: 'suspected', reportedAt: morningOf(d2), quarantine: 'home' });
    const meanwhile = await gridReport('g2', d1);
    let revised = meanwhile;
    while (Date.now() - started < 60_000 && !(revised.final && revised.epidemicFree.free === 0)) {
      await new Promise((r) => setTimeout(r, 250));
      revised = await gridReport('g2', d1);
    }
    const seconds = (Date.now() - started) / 1000;
    const d2Report = await gridReport('g2', d2);

    expect(posted.status).toBe(201);
    // Never final while it still shows the old status: either not final yet, or already revised.
    expect(meanwhile.final && meanwhile.epidemicFree.free === 1, 'final with the stale status').toBe(false);
    console.log(`late case on ${d2}: the closed days ${d2} and ${d1} were revised ${seconds.toFixed(1)} s after it was reported`);
    record('a late case leaving the certificate as it was until the nightly close', 'refused', `revised in ${seconds.toFixed(1)} s: ${d1} free ${revised.epidemicFree.free}, final ${revised.final}; ${d2} suspected ${d2Report.cases['suspected']}`,
      revised.final && revised.epidemicFree.free === 0 && revised.zeroStreakDays === 0 && d2Report.cases['suspected'] === 1 && seconds < 60);
  }, 90_000);

  it('bounds a release in time: not before the report, not in the future, not outside the window', async () => {
    const person = await register('b1');
    expect((await worker.post('/v1/cases', { caseId: 'release-times', personId: person.personId, category: 'fever-unexcluded', reportedAt: hours(-2), quarantine: 'home' })).status).toBe(201);
    const release = (releasedAt: string) => worker.post('/v1/cases/release-times/release', { releasedAt });

    await refused('release dated before the case was reported', await release(hours(-3)), 400, 'releasedAt');
    await refused('release dated an hour ahead', await release(hours(1)), 400, 'releasedAt');
    await refused('release dated years back', await release('2020-03-12T10:00:00+08:00'), 400, 'releasedAt');
    const ok = await worker.post<{ releasedBy: string }>('/v1/cases/release-times/release', { releasedAt: hours(-1) });
    expect(ok.status).toBe(200);
    expect(ok.body.releasedBy).toContain('grid-worker');
  });

  it('makes the release of a confirmed case or a central quarantine wait for a second person above the reporter', async () => {
    const confirmed = await register('b1');
    const central = await register('b1');
    const reported = await worker.post<{ reportedBy: string }>('/v1/cases', { caseId: 'confirmed-1', personId: confirmed.personId, category: 'confirmed', reportedAt: hours(-1), quarantine: 'central' });
    expect((await worker.post('/v1/cases', { caseId: 'central-1', personId: central.personId, category: 'close-contact', reportedAt: hours(-1), quarantine: 'central' })).status).toBe(201);
    const reporterAsAdmin = await tokenFor('admin', reported.body.reportedBy);

    for (const [caseId, personId] of [['confirmed-1', confirmed.personId], ['central-1', central.personId]] as const) {
      const asked = await worker.post<{ release: string; codeColor: string }>(`/v1/cases/${caseId}/release`, { releasedAt: hours(-0.5) });
      const colour = (await worker.get<{ codeColor: string }>(`/v1/residents/${personId}`)).body.codeColor;
      record(`a grid worker alone releasing a ${caseId.split('-')[0]} case`, 'accepted, not counted', `${asked.status} ${asked.body.release}, colour ${colour}`,
        asked.status === 200 && asked.body.release === 'pending-approval' && colour === 'red');
    }
    await refused('the reporter approving the release with an admin token of their own', await reporterAsAdmin.post('/v1/admin/cases/confirmed-1/approve-release', {}), 403);
    await refused('a grid worker approving a release', await worker.post('/v1/admin/cases/confirmed-1/approve-release', {}), 403);

    const approved = await secondAdmin.post<{ release: string; codeColor: string; releasedBy: string; approvedBy: string }>('/v1/admin/cases/confirmed-1/approve-release', { reason: 'two negative tests' });
    expect(approved.body).toMatchObject({ release: 'released', codeColor: 'green', approvedBy: 'admin-li', releasedBy: reported.body.reportedBy });
  });
});

describe('§2 the server bounds every time a client sends', () => {
  const scan = (fields: Record<string, unknown>) => ({ scanId: `s-${Math.random().toString(36).slice(2)}`, checkpointId: 'cp1', direction: 'in', temperatureC: 36.5, scannedAt: new Date().toISOString(), ...fields });

  it('refuses scans dated outside the window or in a year that is not four digits, naming each, and never dead-letters them', async () => {
    const person = await register('b1');
    const upload = (scannedAt: string) => scanner.post('/v1/scans', { scans: [scan({ idNumber: person.idNumber }), scan({ idNumber: person.idNumber, scannedAt })] });

    await refused('scan dated four days back', await upload(hours(-96)), 400, 'scans.1.scannedAt');
    await refused('scan dated ten minutes ahead', await upload(hours(1 / 6)), 400, 'scans.1.scannedAt');
    await refused('scan dated year 0000 (+08:00)', await upload('0000-01-01T09:00:00+08:00'), 400, 'scans.1.scannedAt');
    await refused('scan dated year +012020', await upload('+012020-03-12T09:00:00+08:00'), 400, 'scans.1.scannedAt');
    const queues = (await drained(stack)).queues;
    expect(Object.values(queues).reduce((n, q) => n + q.deadLettered, 0)).toBe(0);
  });

  it('judges a code against the time it was scanned for a backlog scan: a scan dated before the code existed is invalid', async () => {
    const person = await register('b1');
    const code = (await worker.get<{ code: string }>(`/v1/residents/${person.personId}/code`)).body.code;

    const res = await scanner.post<{ results: { reason: string }[] }>('/v1/scans', { scans: [scan({ code, scannedAt: hours(-1) })] });

    record('backlog scan dated into the past with a code issued now', 'refused', `${res.status} ${res.body.results?.[0]?.reason}`, res.status === 200 && res.body.results[0]!.reason === 'invalid-code');
  });

  it('does not let an outing dated back beyond the quota window free today\'s quota', async () => {
    const person = await register('b1');
    const out = (scannedAt: string) => scanner.post<{ results: { reason: string }[] }>('/v1/scans', { scans: [scan({ idNumber: person.idNumber, direction: 'out', scannedAt })] });

    const first = await out(new Date().toISOString());
    const backdated = await out(hours(-60));

    expect(first.body.results[0]!.reason).toBe('ok');
    record('a second outing today dated 60 h back, out of the 2-day quota window', 'refused', `${backdated.status} ${backdated.body.results?.[0]?.reason}`,
      backdated.status === 200 && backdated.body.results[0]!.reason === 'pass-quota');
  });

  it('bounds a delivery event\'s time, and the day an order or a group buy counts on', async () => {
    const dispatcher = await stack.as('dispatcher', ['g3']);
    expect((await dispatcher.put('/v1/volunteers/abuse-v', { name: '志愿者', phone: '13800005555', roles: ['runner'], gridIds: ['g3'], onDuty: true, capacity: 5 })).status).toBe(200);
    expect((await dispatcher.post('/v1/deliveries', {
      deliveryId: 'abuse-d', householdId: 'b3-h9', buildingId: 'b3', kind: 'groceries', items: [{ name: 'rice', quantity: 1 }], priority: 'normal', requestedAt: new Date().toISOString(),
    })).status).toBe(202);
    await expect.poll(async () => (await dispatcher.get<{ volunteerId?: string }>('/v1/deliveries/abuse-d')).body.volunteerId, { timeout: 30_000, interval: 250 }).toBe('abuse-v');
    const volunteer = await stack.as('volunteer', ['abuse-v']);

    await refused('a delivery marked picked up years ago', await volunteer.post('/v1/deliveries/abuse-d/events', { type: 'picked-up', at: '2020-03-12T09:00:00+08:00' }), 400, 'at');
    await refused('a delivery marked delivered an hour ahead', await volunteer.post('/v1/deliveries/abuse-d/events', { type: 'delivered', at: hours(1) }), 400, 'at');

    // An order or a group buy counts on the day it names: none may name a day long closed, or one to come.
    const order = (deliveryId: string, requestedAt: string) => ({ deliveryId, householdId: 'b3-h9', buildingId: 'b3', kind: 'groceries', items: [{ name: 'rice', quantity: 1 }], priority: 'normal', requestedAt });
    await refused('an order dated years ago', await dispatcher.post('/v1/deliveries', order('abuse-old', '2020-03-12T09:00:00+08:00')), 400, 'requestedAt');
    await refused('an order dated a day ahead', await dispatcher.post('/v1/deliveries', order('abuse-ahead', hours(24))), 400, 'requestedAt');
    const groupBuy = (groupBuyId: string, arrivedAt: string) => ({ groupBuyId, gridId: 'g3', item: 'eggs', arrivedAt, households: [{ householdId: 'b3-h9', buildingId: 'b3', quantity: 1 }] });
    await refused('a group buy arrived years ago', await dispatcher.post('/v1/group-buys', groupBuy('abuse-gb-old', '2020-03-12T09:00:00+08:00')), 400, 'arrivedAt');
    await refused('a group buy arriving next week', await dispatcher.post('/v1/group-buys', groupBuy('abuse-gb-ahead', hours(24 * 7))), 400, 'arrivedAt');
    expect((await dispatcher.get('/v1/deliveries/abuse-old')).status, 'nothing stored').toBe(404);
  });

  it('bounds what a person\'s history read costs: however many scans are posted for them, the view holds the newest, capped', async () => {
    const person = await register('b1');
    for (let batch = 0; batch < 3; batch++) {
      const scans = Array.from({ length: 100 }, (_, i) => scan({ scanId: `flood-${batch}-${i}`, idNumber: person.idNumber, scannedAt: new Date(Date.now() - (batch * 100 + i) * 60_000).toISOString() }));
      expect((await scanner.post('/v1/scans', { scans })).status).toBe(200);
    }

    const view = await worker.get<{ recentScans: { at: string }[] }>(`/v1/residents/${person.personId}`);
    const newestFirst = view.body.recentScans.every((s, i, all) => i === 0 || all[i - 1]!.at >= s.at);

    record('flood one person with 300 scans to make their history read expensive', 'refused', `${view.status}: ${view.body.recentScans.length} shown, newest first ${newestFirst}`,
      view.status === 200 && view.body.recentScans.length === 200 && newestFirst);
  });

  it('never answered 500 to any of it', async () => {
    const s = await status(stack);
    expect(stack.output()).not.toMatch(/request failed/);
    expect(Object.values(s.queues).reduce((n, q) => n + q.deadLettered, 0)).toBe(0);
  });
});
