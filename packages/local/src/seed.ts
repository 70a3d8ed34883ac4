import { FirstlineClient } from '@firstline/client';
import { eachLimited } from '@firstline/domain';
import { demoDistrict } from './demo-district.ts';

/**
 * Seeds the demo district through the public API, as an admin and the grid workers would, so the
 * seed exercises the same validation, masking and pseudonyms as real use. Every call it makes is
 * idempotent, so an interrupted seed is simply run again.
 */
export async function seedDemo(baseUrl: string, district: string): Promise<{ residents: number; samplePersonIds: string[] }> {
  const anonymous = new FirstlineClient({ baseUrl });
  const admin = anonymous.withToken(await anonymous.localToken({ role: 'admin', district, scopes: ['*'] }));
  const demo = demoDistrict(district);
  const put = await admin.put('/v1/registry', demo.registry);
  if (put.status !== 200) throw new Error(`seeding the registry failed: ${put.status} ${JSON.stringify(put.body)}`);
  const samplePersonIds: string[] = [];
  await eachLimited(demo.residents, 16, async (resident) => {
    const res = await admin.post<{ personId: string }>('/v1/residents', resident);
    if (res.status !== 201) throw new Error(`seeding resident failed: ${res.status} ${JSON.stringify(res.body)}`);
    if (samplePersonIds.length < 3) samplePersonIds.push(res.body.personId);
  });
  await seedDeliveries(anonymous, district, demo);
  return { residents: demo.residents.length, samplePersonIds };
}

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
  if (groupBuy.status !== 202) throw new Error(`seeding the group-buy failed: ${groupBuy.status} ${JSON.stringify(groupBuy.body)}`);
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
