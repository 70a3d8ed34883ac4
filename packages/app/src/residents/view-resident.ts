import type { Resident } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';

/** What a gate worker sees at a glance: the last 14 days of scans and temperatures. */
const historyDays = 14;

export async function viewResident(ports: Pick<DistrictPorts, 'scans'>, resident: Resident) {
  const since = new Date(Date.now() - historyDays * 86_400_000).toISOString();
  const scans = await ports.scans.history(resident.personId, since);
  return {
    ...resident,
    recentScans: scans.map(({ at, checkpointId, direction, temperatureC, verdict, reason }) => ({ at, checkpointId, direction, temperatureC, verdict, reason })),
    temperatures: scans.map(({ at, temperatureC }) => ({ at, temperatureC })),
  };
}
