import type { FeverScan, FollowUpOutcome, Registry, ScanRecord, WorkListScope } from '@firstline/domain';
import { feverListSince, NotFoundError } from '@firstline/domain';
import type { DistrictPorts } from '../../district.ts';
import { listedPersons } from './person-details.ts';

/**
 * Keeps every fever scan of a message for its grid's follow-up. Each is kept once (a redelivered
 * message changes nothing), whether or not this delivery recorded the scan, so a crash between
 * recording and keeping is made good by the redelivery.
 */
export async function keepFeverScans(ports: Pick<DistrictPorts, 'feverScans'>, scans: readonly ScanRecord[]): Promise<void> {
  await Promise.all(scans.filter((s) => s.fever).map((s) => ports.feverScans.keep({
    scanId: s.scanId, gridId: s.gridId, checkpointId: s.checkpointId, at: s.at, temperatureC: s.temperatureC, personId: s.personId, expiresAt: s.expiresAt,
  })));
}

/** A fever scan as the list and the follow-up answer it: the person masked as the resident view shows them. */
async function feverViews(ports: Pick<DistrictPorts, 'residents'>, registry: Registry, scans: readonly FeverScan[]) {
  const persons = await listedPersons(ports, scans.map((s) => s.personId));
  const gridName = new Map(registry.grids.map((g) => [g.id, g.name]));
  const checkpointName = new Map(registry.checkpoints.map((c) => [c.id, c.name]));
  return scans.map((s) => ({
    scanId: s.scanId, gridId: s.gridId, gridName: gridName.get(s.gridId) ?? s.gridId,
    checkpointId: s.checkpointId, checkpointName: checkpointName.get(s.checkpointId) ?? s.checkpointId, at: s.at, temperatureC: s.temperatureC,
    person: s.personId === null ? null : (persons.get(s.personId) ?? null),
    ...(s.followUp === undefined ? {} : { followUp: s.followUp }),
  }));
}

/** Fevers at the gates of the last 48 h that nobody has followed up yet, oldest first: a page. */
export async function listFeverFollowUps(
  ports: Pick<DistrictPorts, 'feverScans' | 'residents'>, registry: Registry, scope: WorkListScope, page: { limit: number; cursor?: string | undefined }, now = new Date(),
) {
  const found = await ports.feverScans.waiting(scope, feverListSince(now), page.limit, page.cursor);
  return { items: await feverViews(ports, registry, found.items), ...(found.next === undefined ? {} : { nextCursor: found.next }) };
}

/** The fever scan a follow-up names, or 404; its grid is what the scope check needs. */
export async function findFeverScan(ports: Pick<DistrictPorts, 'feverScans'>, gridId: string, scanId: string): Promise<FeverScan> {
  const found = await ports.feverScans.get(gridId, scanId);
  if (!found) throw new NotFoundError(`no fever scan ${scanId} in grid ${gridId}`);
  return found;
}

/**
 * A grid worker marks a fever scan followed up, or turned into a case: it leaves the list. The
 * first follow-up stays, with who and when (server time); a second one changes nothing and answers
 * the first.
 */
export async function followUpFeverScan(
  ports: Pick<DistrictPorts, 'feverScans' | 'residents'>, registry: Registry, scan: FeverScan, outcome: FollowUpOutcome, by: string, now = new Date(),
) {
  const stored = await ports.feverScans.followUp(scan.gridId, scan.scanId, { outcome, by, at: now.toISOString() });
  if (!stored) throw new NotFoundError(`no fever scan ${scan.scanId} in grid ${scan.gridId}`);
  const [view] = await feverViews(ports, registry, [stored]);
  return view!;
}
