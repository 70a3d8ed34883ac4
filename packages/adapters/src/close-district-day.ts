import type { Policy } from '@firstline/domain';
import { closeDay, districtDay, gridDayOf, rollupRows } from '@firstline/domain';
import type { DistrictRuntime } from './district-runtime.ts';
import { sendAll } from './queue-publisher.ts';

/**
 * Closes a district's day: every grid recounted (the domain's `closeDay`), then the roll-up rows
 * of every community, street and the district — for this day, and for each later closed day whose
 * streaks the close changed — and each such day's aggregates sent to the city, if the district
 * belongs to one.
 */
export async function closeDistrictDay(runtime: DistrictRuntime, day: string, policy: Policy) {
  const registry = (await runtime.registry.index())?.registry;
  if (!registry) throw new Error('the district has no registry to close');
  const gridIds = registry.grids.map((g) => g.id);
  const closed = await closeDay(day, policy, {
    gridIds: async () => gridIds,
    scanRecords: (gridId, d) => runtime.scans.recordsOf(gridId, d),
    newCases: (gridId, d) => runtime.cases.newOn(gridId, d),
    gridLogs: (gridId, d) => runtime.gridLogs.of(gridId, d),
    deliveryCounts: (gridId, d) => runtime.deliveries.counts(gridId, d),
    saveSnapshot: (snapshot) => runtime.snapshots.save(snapshot),
    snapshot: (gridId, d) => runtime.snapshots.get(gridId, d),
  });
  const rollUp = async (d: string, snapshots: Iterable<Parameters<typeof gridDayOf>[0]>) => {
    const days = new Map([...snapshots].map((s) => [s.gridId, gridDayOf(s, true)]));
    await runtime.snapshots.saveRollups(d, rollupRows(registry, d, days));
    const cityQueue = runtime.config.queueUrls['city-rollup'];
    if (cityQueue) await sendAll(runtime.clients.sqs, cityQueue, [districtDay(registry, d, days, new Date().toISOString())]);
  };
  await rollUp(day, closed.snapshots);
  for (const later of closed.revisedDays) await rollUp(later, (await runtime.snapshots.ofDay(gridIds, later)).values());
  return { date: day, grids: closed.grids, revisedLaterDays: closed.revisedLaterDays };
}
