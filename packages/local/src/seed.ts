import { FirstlineClient } from '@firstline/client';
import { addDays, dayOf, defaultPolicy, eachLimited } from '@firstline/domain';
import { provinceFirstPolicy } from '@firstline/domain/health-codes/index';
import { seedProvincialResidents } from '@firstline/province-emulator';
import type { ProvinceEmulator } from '@firstline/province-emulator';
import { demoDistrict, random } from './demo-district.ts';
import { seedCare } from './seed-care.ts';
import { seedTesting } from './seed-testing.ts';

/**
 * Seeds the demo district through the public API, as an admin and the grid workers would, so the
 * seed exercises the same validation, masking and pseudonyms as real use. Every call it makes is
 * idempotent, so an interrupted seed is simply run again.
 *
 * With the emulated province, the district's gates take the province's code first (what residents
 * carry) and Firstline's own for those without one, and one resident in `provincialEvery` uses
 * the province's mini-program: the province knows them (a code issued), a fifth of them yellow by
 * the province's own data, which the district learns only at the gate.
 */
export async function seedDemo(
  baseUrl: string,
  district: string,
  options: { readonly province?: Pick<ProvinceEmulator, 'issueCode' | 'setColor'> | undefined } = {},
): Promise<{ residents: number; samplePersonIds: string[] }> {
  const anonymous = new FirstlineClient({ baseUrl });
  const admin = anonymous.withToken(await anonymous.localToken({ role: 'admin', district, scopes: ['*'] }));
  const demo = demoDistrict(district, seedOf(district));
  // The history goes in through the API like everything else, so the district's backlog window is
  // opened to cover it while seeding, then set back to the everyday window (the rule is not bent:
  // the policy is the district's, and after the seed it is the default).
  const healthCodes = options.province ? { healthCodes: provinceFirstPolicy } : {};
  const put = await admin.put('/v1/registry', { ...demo.registry, district: { ...demo.registry.district, policy: { backlogHours: seedingBacklogHours, ...healthCodes } } });
  if (put.status !== 200) throw new Error(`seeding the registry failed: ${put.status} ${JSON.stringify(put.body)}`);
  const samplePersonIds: string[] = [];
  await eachLimited(demo.residents, 16, async (resident) => {
    const res = await admin.post<{ personId: string }>('/v1/residents', resident);
    if (res.status !== 201) throw new Error(`seeding resident failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (samplePersonIds.length < 3) samplePersonIds.push(res.body.personId);
  });
  if (options.province) await seedProvincialResidents(options.province, demo.residents.filter((_, i) => i % provincialEvery === 0).map((r) => r.idNumber));
  await seedDeliveries(anonymous, district, demo);
  await seedCare(anonymous.withToken(await anonymous.localToken({ role: 'grid-worker', district, scopes: ['*'] })), demo);
  await seedTesting(anonymous, demo);
  await seedHistory(anonymous, district, demo);
  const everyday = await admin.put('/v1/registry', { district: { ...demo.registry.district, policy: { backlogHours: defaultPolicy.backlogHours } } });
  if (everyday.status !== 200) throw new Error(`restoring the backlog window failed: ${everyday.status} ${JSON.stringify(everyday.body)}`);
  return { residents: demo.residents.length, samplePersonIds };
}

/** One demo resident in this many uses the province's mini-program. */
const provincialEvery = 10;

/** Each demo district its own households and history, the same on every machine. */
const seedOf = (district: string) => [...district].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 2020) >>> 0;

/**
 * Volunteers on duty in every grid (two of capacity 3), a group-buy arrival in the first grid and a
 * few orders elsewhere, so the dispatcher has work in flight from the first minute.
 */
async function seedDeliveries(anonymous: FirstlineClient, district: string, demo: ReturnType<typeof demoDistrict>): Promise<void> {
  const dispatcher = anonymous.withToken(await anonymous.localToken({ role: 'dispatcher', district, scopes: ['*'] }));
  const names = ['陈志强', '林芳', '周建华', '吴敏'];
  await eachLimited(demo.registry.grids, 8, async (grid) => {
    for (const n of [1, 2]) {
      const res = await dispatcher.put(`/v1/volunteers/${grid.id}-v${n}`, {
        name: names[(n + grid.id.length) % names.length], phone: `1390000${String(n).padStart(4, '0')}`,
        roles: n === 1 ? ['delivery', 'medicine'] : ['delivery'], gridIds: [grid.id], onDuty: true, capacity: 3,
      });
      if (res.status !== 200) throw new Error(`seeding volunteer failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
  });
  const first = demo.registry.grids[0]!.id;
  const households = [...new Map(demo.residents.filter((r) => r.buildingId.startsWith(`${first}-`)).map((r) => [r.householdId, r])).values()];
  const groupBuy = await dispatcher.post('/v1/group-buys', {
    groupBuyId: `${first}-frozen-pork`, gridId: first, item: 'frozen pork 2 kg', arrivedAt: new Date().toISOString(),
    households: households.slice(0, 24).map((h) => ({ householdId: h.householdId, buildingId: h.buildingId, quantity: 1 })),
  });
  // 409: an interrupted seed posted it before (with the arrival time of then): it is there.
  if (groupBuy.status !== 202 && groupBuy.status !== 409) throw new Error(`seeding the group-buy failed: ${groupBuy.status} ${JSON.stringify(groupBuy.body)}`);
  const kinds = [['medicine', 'medical', 'insulin'], ['groceries', 'hardship', 'rice 5 kg'], ['groceries', 'normal', 'vegetables']] as const;
  await eachLimited(demo.residents.filter((_, i) => i % 250 === 0), 8, async (r) => {
    const [kind, priority, item] = kinds[r.householdId.length % kinds.length]!;
    const res = await dispatcher.post('/v1/deliveries', {
      deliveryId: `seed-${r.householdId}`, householdId: r.householdId, buildingId: r.buildingId, kind, priority,
      items: [{ name: item, quantity: 1 }], requestedAt: new Date().toISOString(),
    });
    if (res.status !== 202) throw new Error(`seeding a delivery failed: ${res.status} ${JSON.stringify(res.body)}`);
  });
}

/**
 * Three weeks of history, closed day by day, so the command center opens on trends and certified
 * grids: most grids log their work (a few are late, a few disinfect once), a handful of cases
 * appear and those older than a fortnight are released, and gates upload a backlog of scans each
 * day. Logs entered now for past days are late by the rules, so an admin keeps them for
 * certification with a reason, as the district would for records copied in from paper.
 */
const historyDays = 21;
/** The backlog window while seeding: the history's oldest scan lies up to a day before its first day. */
const seedingBacklogHours = (historyDays + 2) * 24;
/** A seeded case is released this many days after it was reported, if that day has come. */
const quarantineDays = 14;
const approvalReason = 'demo history entered at start-up';

async function seedHistory(anonymous: FirstlineClient, district: string, demo: ReturnType<typeof demoDistrict>): Promise<void> {
  const rnd = random(seedOf(district) + 2);
  const worker = anonymous.withToken(await anonymous.localToken({ role: 'grid-worker', district, scopes: ['*'] }));
  const scanner = anonymous.withToken(await anonymous.localToken({ role: 'scanner', district, scopes: ['*'] }));
  const admin = anonymous.withToken(await anonymous.localToken({ role: 'admin', district, scopes: ['*'] }));
  const today = dayOf(new Date(), 'Asia/Shanghai');
  const check = (what: string, res: { status: number; body: unknown }, ok: number) => {
    if (res.status !== ok) throw new Error(`seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  for (let back = historyDays; back >= 1; back--) {
    const date = addDays(today, -back);
    const late: string[] = [];
    await eachLimited(demo.registry.grids, 8, async (grid) => {
      if (rnd() < 0.02) return;
      const logId = `seed-${grid.id}-${date}`;
      const logged = await worker.post<{ late: boolean }>('/v1/grid-logs', {
        logId, gridId: grid.id, date, householdsVisited: 40 + Math.floor(rnd() * 30), residentsScreened: 90 + Math.floor(rnd() * 60),
        disinfectionRounds: rnd() < 0.02 ? 1 : 2, masksDistributed: 100 + Math.floor(rnd() * 100), keyPersonsFound: rnd() < 0.05 ? 1 : 0,
      });
      check('a grid log', logged, 201);
      if (logged.body.late) late.push(logId);
    });
    for (let i = 0; i < late.length; i += 100) {
      check('late logs\' approval', await admin.post('/v1/admin/grid-logs/approve', { logIds: late.slice(i, i + 100), reason: approvalReason }), 200);
    }
    if (back > 7 ? rnd() < 0.8 : rnd() < 0.3) {
      const person = demo.residents[Math.floor(rnd() * demo.residents.length)]!;
      const registered = await worker.post<{ personId: string }>('/v1/residents', person);
      check('a resident', registered, 201);
      const caseId = `seed-case-${date}`;
      check('a case', await worker.post('/v1/cases', {
        caseId, personId: registered.body.personId, category: rnd() < 0.5 ? 'close-contact' : 'fever-unexcluded',
        reportedAt: `${date}T10:00:00+08:00`, quarantine: 'home',
      }), 201);
      const releaseDay = addDays(date, quarantineDays);
      if (releaseDay < today) check('a release', await worker.post(`/v1/cases/${caseId}/release`, { releasedAt: `${releaseDay}T10:00:00+08:00` }), 200);
    }
    const gate = demo.registry.checkpoints[Math.floor(rnd() * demo.registry.checkpoints.length)]!;
    const scans = Array.from({ length: 40 }, (_, i) => ({
      scanId: `seed-${date}-${i}`, checkpointId: gate.id, idNumber: demo.residents[(i * 37 + back) % demo.residents.length]!.idNumber,
      direction: i % 2 ? 'out' : 'in', temperatureC: i % 17 === 0 ? 37.6 : 36.4, scannedAt: `${date}T${String(7 + (i % 12)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00+08:00`,
    }));
    check('scans', await scanner.post('/v1/scans', { scans }), 200);
  }
  // Scans reach the counters through the queue; the close recounts from the records, so it only
  // needs them recorded: give the aggregator a moment, then close each day in order.
  await new Promise((r) => setTimeout(r, 2_000));
  for (let back = historyDays; back >= 1; back--) check('a day close', await admin.closeDay(addDays(today, -back)), 200);
}
