import type { ClosedSnapshot, GridDaySnapshot } from '@firstline/domain';
import { districtDay, gridDayOf, rollupRows } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import { closeDay } from './close-day.ts';

/**
 * Closes a district's day: every grid recounted (`closeDay`), then the roll-up rows of every
 * community, street and the district — for this day, and for each later closed day whose streaks
 * the close changed — and each such day's aggregates sent to the city, if the district belongs to one.
 */
export async function closeDistrictDay(ports: DistrictPorts, day: string) {
  const registry = (await requireRegistry(ports)).registry;
  const { policy } = registry.district;
  const gridIds = registry.grids.map((g) => g.id);
  const closed = await closeDay(day, policy, {
    gridIds: async () => gridIds,
    scanRecords: (gridId, d) => ports.scans.recordsOf(gridId, d),
    newCases: (gridId, d) => ports.cases.newOn(gridId, d),
    gridLogs: (gridId, d) => ports.gridLogs.of(gridId, d),
    deliveryCounts: (gridId, d) => ports.deliveries.counts(gridId, d),
    saveSnapshot: (snapshot) => ports.snapshots.save(snapshot),
    snapshot: (gridId, d) => ports.snapshots.get(gridId, d),
  });
  const rollUp = async (d: string, snapshots: Iterable<GridDaySnapshot | ClosedSnapshot>) => {
    const days = new Map([...snapshots].map((s) => [s.gridId, gridDayOf(s, true)]));
    await ports.snapshots.saveRollups(d, rollupRows(registry, d, days));
    await ports.cityRollup?.send([districtDay(registry, d, days, new Date().toISOString())]);
  };
  await rollUp(day, closed.snapshots);
  for (const later of closed.revisedDays) await rollUp(later, (await ports.snapshots.ofDay(gridIds, later)).values());
  return { date: day, grids: closed.grids, revisedLaterDays: closed.revisedLaterDays };
}
