import type { FirstlineClient } from '@firstline/client';
import { dayOf, eachLimited } from '@firstline/domain';
import type { DemoDistrict, DemoResident } from './demo-district.ts';

/**
 * Today's 核酸 round in the demo's first community, through the API as its people would run it:
 * the five buildings of its first grid come down in three slots to the north gate; a few
 * households had consented to SMS (as residents, in their own app, with obviously made-up numbers),
 * so the outbox holds their slot; the scanner at the gate has sampled most of the early buildings
 * and fewer of the later ones, so every building has real names on its not-tested list; the lab
 * has sent the first slot's results, all negative (the demo stays as epidemic-free as it was).
 *
 * Every call is idempotent: a round id sent again with the same plan is the same round, a sample
 * sent again under its id counts once, a result sent again is unchanged, a consent given again is
 * the same consent. The round is named by its day, so a seed resumed on a later day opens that day's.
 */
const slots = [
  { from: '08:00', to: '09:00', buildings: [0, 1] },
  { from: '09:00', to: '10:00', buildings: [2, 3] },
  { from: '10:00', to: '11:00', buildings: [4] },
] as const;

/** Of ten residents of each building (in registry order), how many were sampled: the early slots nearly all. */
const sampledOfTen = [9, 8, 6, 5, 2];

/** Made-up numbers in the 138-0000 range (no real subscriber), one for each consenting household. */
const madeUpPhone = (n: number) => `1380000${String(n).padStart(4, '0')}`;

export async function seedTesting(anonymous: FirstlineClient, demo: DemoDistrict): Promise<void> {
  const check = (what: string, res: { status: number; body: unknown }, ok: number) => {
    if (res.status !== ok) throw new Error(`seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const district = demo.registry.district.id;
  const { timeZone } = demo.registry.district;
  const now = new Date();
  const today = dayOf(now, timeZone);
  const community = demo.registry.communities[0]!;
  const grid = demo.registry.grids.find((g) => g.communityId === community.id)!;
  const buildings = demo.registry.buildings.filter((b) => b.gridId === grid.id).slice(0, 5);
  const checkpoint = demo.registry.checkpoints.find((c) => c.gridId === grid.id)!;
  const token = (role: string, scopes: string[]) => anonymous.localToken({ role, district, scopes }).then((t) => anonymous.withToken(t));
  const worker = await token('grid-worker', [grid.id]);
  const scanner = await token('scanner', [checkpoint.id]);
  const residentsOf = (buildingId: string) => demo.residents.filter((r) => r.buildingId === buildingId);
  // The demo district's clock is Shanghai's, which keeps no summer time: +08:00 all year.
  const at = (time: string) => `${today}T${time}:00+08:00`;

  // First the consents (before the round tells anyone): the first household of each building.
  await eachLimited([...buildings.entries()], 5, async ([i, building]) => {
    const first = residentsOf(building.id)[0]!;
    const { personId } = await personOf(worker, first, check);
    const resident = await token('resident', [personId]);
    check('a resident\'s consent to SMS', await resident.put(`/v1/residents/${personId}/contact`, { phone: madeUpPhone(i + 1), consent: true }), 200);
  });

  const roundId = `seed-pcr-${today}`;
  const plan = {
    roundId, communityId: community.id, kind: 'pcr', day: today, place: '北门核酸采样点',
    slots: slots.map((s) => ({ from: at(s.from), to: at(s.to), buildingIds: s.buildings.map((b) => buildings[b]!.id) })),
  };
  check('today\'s testing round', await worker.post('/v1/test-rounds', plan), 201);

  // Sampled at the north gate, each building in its slot (at most now: a slot not over yet has
  // been sampled until now), each person's tube barcode as the scanner read it.
  const compact = today.replaceAll('-', '');
  const sampled: { tubeId: string; slot: number }[] = [];
  const samples = buildings.flatMap((building, b) => {
    const slot = slots.findIndex((s) => (s.buildings as readonly number[]).includes(b));
    const from = Date.parse(at(slots[slot]!.from));
    return residentsOf(building.id)
      .filter((_, i) => i % 10 < sampledOfTen[b]!)
      .map((person, i) => {
        const n = sampled.length + 1;
        const tubeId = `T${compact}${String(n).padStart(4, '0')}`;
        sampled.push({ tubeId, slot });
        return { sampleId: `${roundId}-${n}`, idNumber: person.idNumber, tubeId, sampledAt: new Date(Math.min(now.getTime(), from + (b % 2) * 1_500_000 + i * 45_000)).toISOString() };
      });
  });
  for (let i = 0; i < samples.length; i += 100) {
    const res = await scanner.post<{ results: { sampleId: string; outcome: string }[] }>(`/v1/test-rounds/${roundId}/samples`, { checkpointId: checkpoint.id, samples: samples.slice(i, i + 100) });
    check('samples at the gate', res, 200);
    const refused = res.body.results.filter((r) => r.outcome !== 'sampled');
    if (refused.length > 0) throw new Error(`seeding samples failed: ${JSON.stringify(refused.slice(0, 3))}`);
  }

  // The lab's first batch: the first slot's tubes, all negative.
  const results = sampled.filter((s) => s.slot === 0).map((s) => ({ tubeId: s.tubeId, result: 'negative' }));
  const recorded = await worker.post<{ unknown: unknown[]; conflicts: unknown[]; casesOpened: unknown[] }>(`/v1/test-rounds/${roundId}/results`, { results });
  check('the lab\'s results', recorded, 200);
  if (recorded.body.unknown.length + recorded.body.conflicts.length + recorded.body.casesOpened.length > 0) {
    throw new Error(`seeding the lab's results failed: ${JSON.stringify(recorded.body)}`);
  }
}

/** A demo resident's pseudonym: registering them again answers it (the seed registered everyone before). */
async function personOf(worker: FirstlineClient, resident: DemoResident, check: (what: string, res: { status: number; body: unknown }, ok: number) => void): Promise<{ personId: string }> {
  const res = await worker.post<{ personId: string }>('/v1/residents', resident);
  check('a resident', res, 201);
  return res.body;
}
