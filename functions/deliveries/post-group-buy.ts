import { districtRuntime, requestDispatch } from '@firstline/adapters';
import { dayOf, eachLimited, mergeCountDeltas, planGroupBuy, transitionCounts } from '@firstline/domain';
import type { DeliveryCountDelta } from '@firstline/domain';
import { ConflictError, httpRoute, ValidationError } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/group-buys',
  load: async ({ body }) => {
    const registry = await runtime.registry.index();
    if (!registry?.grid(body.gridId)) throw new ValidationError('unknown grid', [{ path: 'gridId', message: `unknown grid ${body.gridId}` }]);
    const outside = body.households.flatMap((h, i) => (registry.gridOfBuilding(h.buildingId) === body.gridId ? [] : [{ path: `households.${i}.buildingId`, message: `building ${h.buildingId} is not in grid ${body.gridId}` }]));
    if (outside.length > 0) throw new ValidationError('buildings outside the grid', outside);
    return registry.registry.district.timeZone;
  },
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, principal }, timeZone) => {
    const plan = planGroupBuy(body, principal.subject);
    if (!plan.ok) {
      throw new ValidationError(plan.message, plan.duplicates.map((d) => ({ path: `households.${d.index}.householdId`, message: `household ${d.householdId} is listed twice` })));
    }
    const hash = runtime.pseudonyms.fingerprint([JSON.stringify(body)]);
    const counts: DeliveryCountDelta[] = [];
    let conflict: string | undefined;
    await eachLimited(plan.deliveries, 16, async (delivery) => {
      if ((await runtime.deliveries.create(delivery, hash)) === 'conflict') conflict = delivery.householdId;
    });
    if (conflict) throw new ConflictError(`group-buy ${body.groupBuyId} was sent before with other households or items`);
    // Counted by whichever request claims each delivery: this one, or a repeat after a crash before
    // counting. Claimed only once all exist, so that a crash while creating leaves nothing claimed.
    await eachLimited(plan.deliveries, 16, async (delivery) => {
      if (await runtime.deliveries.claimCounting(delivery.deliveryId)) counts.push(...transitionCounts(undefined, delivery, timeZone));
    });
    const merged = mergeCountDeltas(counts);
    await runtime.deliveries.addCounts(merged);
    await runtime.snapshots.markLate(merged.map((c) => c.day), dayOf(new Date(), timeZone));
    await requestDispatch(runtime, [body.gridId]);
    return { status: 202, body: { groupBuyId: body.groupBuyId, deliveries: plan.deliveries.length } };
  },
});
