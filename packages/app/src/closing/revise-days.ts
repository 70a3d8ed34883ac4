import type { DayRevision } from '@firstline/domain';
import { addDays, dayOf, eachLimited } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { requireRegistry } from '../district.ts';
import { closeDay } from './close-day.ts';
import { closePortsOf, rollUpDay } from './close-district-day.ts';

/**
 * After a change to a grid's past day (a late case, a release, an approved late log): that day and
 * every later day stop being final at once, since each later streak may change, and the grid-days
 * are queued to be closed again within a minute (`reviseDays`). A grid-day not closed yet (today,
 * or a past day the close has not reached) is left to the close that will count it.
 */
export async function askRevision(ports: Pick<DistrictPorts, 'snapshots' | 'dayRevisions'>, revisions: readonly DayRevision[], timeZone: string, now: Date): Promise<void> {
  const today = dayOf(now, timeZone);
  const closed = await Promise.all(revisions.map(async (r) => r.day < today && (await ports.snapshots.get(r.gridId, r.day)) !== undefined));
  const past = revisions.filter((_, i) => closed[i]);
  if (past.length === 0) return;
  const from = past.reduce((min, r) => (r.day < min ? r.day : min), past[0]!.day);
  const days: string[] = [];
  for (let d = from; d < today; d = addDays(d, 1)) days.push(d);
  await ports.snapshots.markLate(days, today);
  await ports.snapshots.markRevising(past.map((r) => ({ gridId: r.gridId, days: days.filter((d) => d >= r.day) })));
  await ports.dayRevisions.request(past);
}

/**
 * The `day-revisions` consumer: each grid closed again from its earliest asked day, every later
 * closed day of the grid carried forward and written afresh up to yesterday, then the roll-ups of
 * every such day. A grid-day never closed is left to the nightly close. Idempotent.
 */
export async function reviseDays(ports: DistrictPorts, revisions: readonly DayRevision[], now = new Date()) {
  const registry = (await requireRegistry(ports)).registry;
  const { policy, timeZone } = registry.district;
  const known = new Set(registry.grids.map((g) => g.id));
  const yesterday = addDays(dayOf(now, timeZone), -1);
  const earliest = new Map<string, string>();
  for (const { gridId, day } of revisions) {
    if (known.has(gridId) && day <= yesterday && day < (earliest.get(gridId) ?? '\uffff')) earliest.set(gridId, day);
  }
  const days = new Set<string>();
  await eachLimited([...earliest], 4, async ([gridId, day]) => {
    if (!(await ports.snapshots.get(gridId, day))) return;
    const closed = await closeDay(day, { policy, rewriteThrough: yesterday }, closePortsOf(ports, [gridId], timeZone, now));
    for (const d of [day, ...closed.revisedDays]) days.add(d);
  });
  for (const day of [...days].sort()) await rollUpDay(ports, registry, day);
  return { grids: earliest.size, days: [...days].sort() };
}
