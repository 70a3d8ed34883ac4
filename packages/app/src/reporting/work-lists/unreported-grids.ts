import type { Registry, WorkListScope } from '@firstline/domain';
import { dayOf, logDeadline, reportingDeadlinePassed, ValidationError } from '@firstline/domain';
import type { DistrictPorts } from '../../district.ts';
import { districtSettings } from '../../district.ts';

/** Grids whose logs are read side by side: one query each (a grid's logs of a day). */
const gridsAtOnce = 100;

const gridCursor = {
  encode: (gridId: string) => Buffer.from(gridId).toString('base64url'),
  decode(cursor: string, grids: readonly string[]): number {
    const gridId = Buffer.from(cursor, 'base64url').toString('utf8');
    const at = grids.indexOf(gridId);
    if (at < 0) throw new ValidationError('bad page cursor', [{ path: 'cursor', message: 'not a cursor this list gave out' }]);
    return at + 1;
  },
};

/**
 * Grids that have not reported today, once the district's reporting deadline has passed (before
 * it nobody is late, and the list is empty), in registry order with their community: a page. Each
 * grid costs one read of its day's logs, read 100 at a time until the page is full; a late log
 * counts as reported (it is there, only not on time).
 */
export async function listUnreportedGrids(
  ports: Pick<DistrictPorts, 'gridLogs' | 'registry' | 'defaultTimeZone'>, registry: Registry, scope: WorkListScope, page: { limit: number; cursor?: string | undefined }, now = new Date(),
) {
  const { timeZone, policy } = await districtSettings(ports);
  const today = dayOf(now, timeZone);
  const deadline = logDeadline(today, policy, timeZone).toISOString();
  const passed = reportingDeadlinePassed(today, now, policy, timeZone);
  const shown = scope === 'district' ? registry.grids : registry.grids.filter((g) => scope.includes(g.id));
  const ids = shown.map((g) => g.id);
  let at = page.cursor === undefined || page.cursor === '' ? 0 : gridCursor.decode(page.cursor, ids);
  const community = new Map(registry.communities.map((c) => [c.id, c]));
  const items: { gridId: string; gridName: string; communityId: string; communityName: string; streetId: string }[] = [];
  let more = false;
  while (passed && at < shown.length && !more) {
    const chunk = shown.slice(at, at + gridsAtOnce);
    const logs = await Promise.all(chunk.map((g) => ports.gridLogs.of(g.id, today)));
    for (const [i, g] of chunk.entries()) {
      at++;
      if (logs[i]!.length > 0) continue;
      if (items.length === page.limit) {
        more = true;
        break;
      }
      const c = community.get(g.communityId);
      items.push({ gridId: g.id, gridName: g.name, communityId: g.communityId, communityName: c?.name ?? g.communityId, streetId: c?.streetId ?? '' });
    }
  }
  return {
    date: today, deadline, deadlinePassed: passed, items,
    ...(more ? { nextCursor: gridCursor.encode(items.at(-1)!.gridId) } : {}),
  };
}
