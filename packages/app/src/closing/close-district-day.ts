import type { ClosedSnapshot, GridDaySnapshot, Registry } from '@firstline/domain';
import { addDays, dayOf, districtDay, gridDayOf, mergeCareCounts, rollupRows } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import type { ClosePorts } from './close-day.ts';

/** The close's reads and writes over the district's stores, for these grids. */
export function closePortsOf(ports: DistrictPorts, gridIds: readonly string[], timeZone: string, now: Date): ClosePorts {
  // Every case of the grid up to today (a day's open cases are read from them, released or not).
  const throughDay = addDays(dayOf(now, timeZone), 1);
  return {
    gridIds: async () => gridIds,
    scanRecords: (ids, d) => ports.scanCounts.recordsOf(ids, d),
    newCases: (gridId, d) => ports.cases.newOn(gridId, d),
    gridCases: (gridId) => ports.cases.ofGrid(gridId, throughDay),
    gridLogs: (gridId, d) => ports.gridLogs.of(gridId, d),
    deliveryCounts: (gridId, d) => ports.deliveries.counts(gridId, d),
    saveSnapshot: (snapshot) => ports.snapshots.save(snapshot),
    snapshot: (gridId, d) => ports.snapshots.get(gridId, d),
  };
}

/**
 * A closed day's roll-up rows of every community, street and the district, from its grids'
 * snapshots (read when not given), and the day's aggregates sent to the city if there is one, its
 * care counters with them (counted as they happen, not recounted at close).
 */
export async function rollUpDay(ports: DistrictPorts, registry: Registry, day: string, snapshots?: Iterable<GridDaySnapshot | ClosedSnapshot>): Promise<void> {
  const read = snapshots ?? (await ports.snapshots.ofDay(registry.grids.map((g) => g.id), day)).values();
  const days = new Map([...read].map((s) => [s.gridId, gridDayOf(s, true)]));
  await ports.snapshots.saveRollups(day, rollupRows(registry, day, days));
  if (!ports.cityRollup) return;
  const care = mergeCareCounts((await ports.careCounts.ofDay(registry.grids.map((g) => g.id), day)).values());
  await ports.cityRollup.send([districtDay(registry, day, days, care, new Date().toISOString())]);
}
