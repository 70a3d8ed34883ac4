import type { DistrictRuntime } from '@firstline/adapters';
import type { ClosePorts } from '@firstline/domain';

/** The district's stores as the day close sees them. */
export function closePorts(runtime: DistrictRuntime): ClosePorts {
  return {
    gridIds: async () => (await runtime.registry.index())?.registry.grids.map((g) => g.id) ?? [],
    scanRecords: (gridId, day) => runtime.scans.recordsOf(gridId, day),
    newCases: (gridId, day) => runtime.cases.newOn(gridId, day),
    gridLogs: (gridId, day) => runtime.gridLogs.of(gridId, day),
    deliveryCounts: (gridId, day) => runtime.deliveries.counts(gridId, day),
    saveSnapshot: (snapshot) => runtime.snapshots.save(snapshot),
    snapshot: (gridId, day) => runtime.snapshots.get(gridId, day),
  };
}
