import type { CaseRecord, ClosedSnapshot, GridDay, Registry } from '@firstline/domain';
import { openCasesOn } from '@firstline/domain';
import type { ReportPorts } from './read-grid-days.ts';
import { readGridDays } from './read-grid-days.ts';

/** A grid's state on the battle map (挂图作战), most urgent first. */
export type TileStatus = 'cases' | 'unreported' | 'free' | 'pending';

/** What a tile's state is decided on, from a closed snapshot or the live counts. */
export interface TileMeasures {
  readonly newCases: number;
  readonly openCases: number;
  readonly reported: boolean;
  readonly epidemicFree: boolean;
  readonly zeroStreakDays: number;
}

/**
 * The first state that holds: a new or still open four-category case (what the command center acts
 * on first), no log that day, epidemic-free, else pending with the qualifying days it still needs
 * (还差 N 天: `epidemicFreeDays` minus its zero streak, at least 1).
 */
export function tileStatus(m: TileMeasures, epidemicFreeDays: number): { status: TileStatus; daysToGo?: number } {
  if (m.newCases > 0 || m.openCases > 0) return { status: 'cases' };
  if (!m.reported) return { status: 'unreported' };
  if (m.epidemicFree) return { status: 'free' };
  return { status: 'pending', daysToGo: Math.max(1, epidemicFreeDays - m.zeroStreakDays) };
}

/** The grids a caller sees on the map, and the registry they come from. */
export interface MapAudience {
  readonly registry: Registry;
  readonly grids: readonly string[];
}

/**
 * Who sees which grids: the whole district for `all` (an admin, a wildcard command token), else the
 * registered grids its scopes name (a grid worker sees their own grids; ids not registered are left out).
 */
export function mapAudience({ registry }: { registry: Registry }, scopes: 'all' | readonly string[]): MapAudience {
  const grids = scopes === 'all' ? registry.grids : registry.grids.filter((g) => scopes.includes(g.id));
  return { registry, grids: grids.map((g) => g.id) };
}

/**
 * Grids read live at a time. An open day costs about three queries a grid; a district's 2,000 at
 * once would queue thousands of requests on one container's connections (and overrun the local
 * emulator), for no gain in a read that is bound by the table's throughput anyway.
 */
const liveChunk = 250;

/**
 * Grids whose snapshots are asked for in one call: DynamoDB's batch-read limit, so that each call
 * is one request and the calls go side by side (a store reads a longer list batch after batch).
 */
const snapshotsAtOnce = 100;

const chunked = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((a, b) => a + b, 0);

/**
 * `port` with some methods answered by `overrides`; every other call goes to the port itself
 * (stores keep private fields, so their methods run bound to the store).
 */
function overriding<T extends object>(port: T, overrides: Partial<T>): T {
  return new Proxy(port, {
    get(target, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The battle map of a day: one tile per grid of the audience, in registry order, with the streets
 * and communities they lie in. A closed grid-day is its snapshot (one batch read per 100 grids, side
 * by side); a grid without one is read live by `readGridDays`, through ports that answer the day's
 * snapshots from the read above and read each grid's cases once for both the streak and the open
 * count, 250 grids at a time. Reads grow with grids, never with scans or cases elsewhere.
 */
export async function battleMap(ports: ReportPorts, { registry, grids }: MapAudience, date: string) {
  const { epidemicFreeDays } = registry.district.policy;
  const snapshots = new Map<string, ClosedSnapshot>();
  const parts = await Promise.all(chunked(grids, snapshotsAtOnce).map((part) => ports.snapshots.ofDay(part, date)));
  for (const part of parts) for (const [gridId, snapshot] of part) snapshots.set(gridId, snapshot);
  const live = grids.filter((g) => !snapshots.has(g));
  const casesRead = new Map<string, Promise<CaseRecord[]>>();
  const casesOf = (gridId: string) => {
    let read = casesRead.get(gridId);
    if (!read) casesRead.set(gridId, (read = ports.cases.ofGrid(gridId, date)));
    return read;
  };
  const livePorts: ReportPorts = {
    scanCounts: ports.scanCounts,
    deliveries: ports.deliveries,
    gridLogs: ports.gridLogs,
    snapshots: overriding(ports.snapshots, {
      ofDay: async (ids, day) => (day === date
        ? new Map(ids.flatMap((id): [string, ClosedSnapshot][] => (snapshots.has(id) ? [[id, snapshots.get(id)!]] : [])))
        : ports.snapshots.ofDay(ids, day)),
    }),
    cases: overriding(ports.cases, { ofGrid: (gridId, through) => (through === date ? casesOf(gridId) : ports.cases.ofGrid(gridId, through)) }),
  };
  const liveDays = new Map<string, GridDay>();
  const openByGrid = new Map<string, number>();
  for (const chunk of chunked(live, liveChunk)) {
    const [days, open] = await Promise.all([
      readGridDays(livePorts, chunk, date, registry.district.policy),
      Promise.all(chunk.map(async (gridId) => [gridId, openCasesOn(await casesOf(gridId), date)] as const)),
    ]);
    for (const [gridId, day] of days) liveDays.set(gridId, day);
    for (const [gridId, n] of open) openByGrid.set(gridId, n);
  }

  const measures = (gridId: string): TileMeasures => {
    const closed = snapshots.get(gridId);
    if (closed) {
      return {
        newCases: sum(closed.cases), openCases: closed.openCases, reported: closed.reported,
        epidemicFree: closed.streak.epidemicFree, zeroStreakDays: closed.streak.zeroStreakDays,
      };
    }
    const day = liveDays.get(gridId);
    return {
      newCases: day ? sum(day.cases) : 0, openCases: openByGrid.get(gridId) ?? 0, reported: day?.reported ?? false,
      epidemicFree: day?.epidemicFree ?? false, zeroStreakDays: day?.zeroStreakDays ?? 0,
    };
  };

  const shown = new Set(grids);
  // A stored registry names an existing community for every grid and a street for every community.
  const communityOf = new Map(registry.communities.map((c) => [c.id, c]));
  const tiles = registry.grids.filter((g) => shown.has(g.id)).map((g) => {
    const m = measures(g.id);
    return {
      id: g.id, name: g.name, streetId: communityOf.get(g.communityId)!.streetId, communityId: g.communityId,
      ...tileStatus(m, epidemicFreeDays),
      zeroStreakDays: m.zeroStreakDays, newCases: m.newCases, openCases: m.openCases, reported: m.reported,
    };
  });
  const usedCommunities = new Set(tiles.map((t) => t.communityId));
  const usedStreets = new Set(tiles.map((t) => t.streetId));
  const counts = { cases: 0, unreported: 0, free: 0, pending: 0 };
  for (const t of tiles) counts[t.status]++;
  return {
    district: { id: registry.district.id, name: registry.district.name },
    date,
    epidemicFreeDays,
    closed: live.length === 0,
    counts,
    streets: registry.streets.filter((s) => usedStreets.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    communities: registry.communities.filter((c) => usedCommunities.has(c.id)).map((c) => ({ id: c.id, name: c.name, streetId: c.streetId })),
    grids: tiles,
  };
}
