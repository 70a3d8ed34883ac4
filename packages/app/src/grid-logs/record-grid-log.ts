import type { GridLog } from '@firstline/domain';
import { ConflictError, dayOf, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';

/** A 400 on `gridId` unless the grid is registered. */
export async function requireGrid(ports: Pick<DistrictPorts, 'registry'>, gridId: string): Promise<void> {
  if (!(await requireRegistry(ports)).grid(gridId)) throw new ValidationError('unknown grid', [{ path: 'gridId', message: `unknown grid ${gridId}` }]);
}

/** Stores a grid worker's log once; a log for a past day makes that day's closed report not final. */
export async function recordGridLog(ports: DistrictPorts, log: Omit<GridLog, 'by'>, by: string) {
  const hash = ports.pseudonyms.fingerprint([JSON.stringify(log)]);
  if ((await ports.gridLogs.create({ ...log, by }, hash)) === 'conflict') throw new ConflictError(`log ${log.logId} was sent before with another body`);
  const { timeZone } = (await requireRegistry(ports)).registry.district;
  await ports.snapshots.markLate([log.date], dayOf(new Date(), timeZone));
  return log;
}
