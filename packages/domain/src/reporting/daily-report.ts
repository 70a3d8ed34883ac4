import { medianMinutesToDeliver } from '../deliveries/delivery-counters.ts';
import type { Level } from '../hierarchy.ts';
import type { Registry } from '../registry/registry.ts';

/** One grid's day as the report reads it: closed-day snapshot fields or the live counters. */
export interface GridDay {
  readonly gridId: string;
  readonly scans: Readonly<Record<string, number>>;
  readonly cases: Readonly<Record<string, number>>;
  readonly work: Readonly<Record<string, number>>;
  readonly reported: boolean;
  /** A log came by the day's reporting deadline. */
  readonly reportedOnTime: boolean;
  readonly deliveries: Readonly<Record<string, number>>;
  readonly openDeliveries: number;
  readonly zeroStreakDays: number;
  readonly epidemicFree: boolean;
  /** First day of the current epidemic-free streak. */
  readonly since?: string | undefined;
  /** Closed and unchanged since. */
  readonly final: boolean;
  /** A day not closed: the end of the last minute folded into its live scan counts (how old they are). */
  readonly scansAsOf?: string | undefined;
}

/**
 * The figures of API.md's daily report, for any unit. `P` is how a count of persons is shown: a
 * number, or for a reader outside the district a number or "<k" (`small-cells.ts`).
 */
export interface Figures<P = number> {
  /** `provisional`: verdicts the gates gave by the fallback while the province could not answer. */
  scans: { in: number; out: number; denied: number; denyReasons: Record<string, number>; fever: P; provisional: number };
  cases: { confirmed: P; suspected: P; feverUnexcluded: P; closeContact: P };
  screening: { householdsVisited: number; residentsScreened: number; keyPersonsFound: number };
  hygiene: { disinfectionRounds: number; masksDistributed: number };
  deliveries: { requested: number; delivered: number; failed: number; open: number; medianMinutesToDeliver: number | null };
  /**
   * Grids that should report, that did, and that did by the deadline (DHIS2's completeness and
   * timeliness); and the day's logs flagged by a validation rule, to be checked.
   */
  reporting: { grids: number; reported: number; onTime: number; flaggedLogs: number };
  epidemicFree: { grids: number; free: number; percent: number };
}

export interface DailyReport extends Figures {
  level: Level;
  id: string;
  name: string;
  date: string;
  final: boolean;
  zeroStreakDays?: number;
  /** Not final: the newest minute its grids' live scan counts were folded to. */
  scansAsOf?: string;
  children: Omit<DailyReport, 'children'>[];
}

/**
 * A row kept before on-time reporting, log flags and provisional verdicts were counted (a roll-up,
 * a district's day at the city, the city's totals) reads its reported grids as on time, as the
 * snapshots of that time do, no log as flagged and no verdict as provisional (there were none).
 */
export function withReportingKept<R extends {
  scans: { provisional?: number | undefined };
  reporting: { grids: number; reported: number; onTime?: number | undefined; flaggedLogs?: number | undefined };
}>(
  row: R,
): R & { scans: { provisional: number }; reporting: { onTime: number; flaggedLogs: number } } {
  return {
    ...row,
    scans: { ...row.scans, provisional: row.scans.provisional ?? 0 },
    reporting: { ...row.reporting, onTime: row.reporting.onTime ?? row.reporting.reported, flaggedLogs: row.reporting.flaggedLogs ?? 0 },
  };
}

/** One decimal, as the command center reads shares ("3,945 compounds, 55.5 %"); 0 of 0 is 0. */
export const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** Sums grids' days into a unit's figures; the median is taken over the merged minute histogram. */
export function unitFigures(days: readonly GridDay[]): Figures {
  const sum = (pick: (d: GridDay) => number) => days.reduce((total, d) => total + pick(d), 0);
  const denyReasons: Record<string, number> = {};
  const minutes: Record<string, number> = {};
  for (const d of days) {
    for (const [k, n] of Object.entries(d.scans)) if (k.startsWith('deny.')) denyReasons[k.slice(5)] = (denyReasons[k.slice(5)] ?? 0) + n;
    for (const [k, n] of Object.entries(d.deliveries)) if (k.startsWith('minutes.')) minutes[k] = (minutes[k] ?? 0) + n;
  }
  const free = days.filter((d) => d.epidemicFree).length;
  return {
    scans: {
      in: sum((d) => d.scans['in'] ?? 0), out: sum((d) => d.scans['out'] ?? 0), denied: sum((d) => d.scans['denied'] ?? 0), denyReasons,
      fever: sum((d) => d.scans['fever'] ?? 0), provisional: sum((d) => d.scans['provisional'] ?? 0),
    },
    cases: {
      confirmed: sum((d) => d.cases['confirmed'] ?? 0), suspected: sum((d) => d.cases['suspected'] ?? 0),
      feverUnexcluded: sum((d) => d.cases['fever-unexcluded'] ?? 0), closeContact: sum((d) => d.cases['close-contact'] ?? 0),
    },
    screening: { householdsVisited: sum((d) => d.work['householdsVisited'] ?? 0), residentsScreened: sum((d) => d.work['residentsScreened'] ?? 0), keyPersonsFound: sum((d) => d.work['keyPersonsFound'] ?? 0) },
    hygiene: { disinfectionRounds: sum((d) => d.work['disinfectionRounds'] ?? 0), masksDistributed: sum((d) => d.work['masksDistributed'] ?? 0) },
    deliveries: {
      requested: sum((d) => d.deliveries['requested'] ?? 0), delivered: sum((d) => d.deliveries['delivered'] ?? 0),
      failed: sum((d) => d.deliveries['failed'] ?? 0), open: sum((d) => d.openDeliveries), medianMinutesToDeliver: medianMinutesToDeliver(minutes),
    },
    reporting: {
      grids: days.length, reported: days.filter((d) => d.reported).length, onTime: days.filter((d) => d.reportedOnTime).length, flaggedLogs: sum((d) => d.work['flaggedLogs'] ?? 0),
    },
    epidemicFree: { grids: days.length, free, percent: percent(free, days.length) },
  };
}

export interface Unit {
  readonly level: Level;
  readonly id: string;
  readonly name: string;
  readonly grids: readonly string[];
  readonly children: readonly Unit[];
}

/** The unit `level`/`id` with its children and the grids under each, or undefined if unknown. */
export function unitOf(registry: Registry, level: Level, id: string): Unit | undefined {
  const grid = (g: { id: string; name: string }): Unit => ({ level: 'grid', id: g.id, name: g.name, grids: [g.id], children: [] });
  const community = (c: { id: string; name: string }): Unit => {
    const children = registry.grids.filter((g) => g.communityId === c.id).map(grid);
    return { level: 'community', id: c.id, name: c.name, grids: children.flatMap((u) => u.grids), children };
  };
  const street = (s: { id: string; name: string }): Unit => {
    const children = registry.communities.filter((c) => c.streetId === s.id).map(community);
    return { level: 'street', id: s.id, name: s.name, grids: children.flatMap((u) => u.grids), children };
  };
  switch (level) {
    case 'grid': { const g = registry.grids.find((x) => x.id === id); return g && grid(g); }
    case 'community': { const c = registry.communities.find((x) => x.id === id); return c && community(c); }
    case 'street': { const s = registry.streets.find((x) => x.id === id); return s && street(s); }
    case 'district': {
      if (id !== registry.district.id) return undefined;
      const children = registry.streets.map(street);
      return { level: 'district', id, name: registry.district.name, grids: children.flatMap((u) => u.grids), children };
    }
  }
}

/**
 * A unit's daily report with one row per child. A community (street, district) is epidemic-free
 * when all its grids are, so its share counts grids; each child row carries the same figures.
 */
export type ReportRow = Omit<DailyReport, 'children'>;

/** One unit's row of a day: its grids' figures summed. */
export function reportRow(unit: Unit, date: string, days: ReadonlyMap<string, GridDay>): ReportRow {
  const grids = unit.grids.map((g) => days.get(g)).filter((d): d is GridDay => d !== undefined);
  const only = unit.level === 'grid' ? grids[0] : undefined;
  const final = grids.length > 0 && grids.every((d) => d.final);
  const scansAsOf = grids.flatMap((d) => (d.scansAsOf ? [d.scansAsOf] : [])).sort().at(-1);
  return {
    level: unit.level, id: unit.id, name: unit.name, date, final,
    ...unitFigures(grids),
    ...(only ? { zeroStreakDays: only.zeroStreakDays } : {}),
    ...(scansAsOf && !final ? { scansAsOf } : {}),
  };
}

export function dailyReport(unit: Unit, date: string, days: ReadonlyMap<string, GridDay>): DailyReport {
  return { ...reportRow(unit, date, days), children: unit.children.map((child) => reportRow(child, date, days)) };
}

/**
 * Every community's, street's and the district's row of a closed day, computed once at the close
 * so that a report reads its unit and its children, not every grid below.
 */
export function rollupRows(registry: Registry, date: string, days: ReadonlyMap<string, GridDay>): ReportRow[] {
  const units = [
    ...registry.communities.map((c) => unitOf(registry, 'community', c.id)!),
    ...registry.streets.map((s) => unitOf(registry, 'street', s.id)!),
    unitOf(registry, 'district', registry.district.id)!,
  ];
  return units.map((u) => reportRow(u, date, days));
}

/** A closed grid-day as the report reads it. */
export function gridDayOf(s: {
  gridId: string; scans: Record<string, number>; cases: Record<string, number>; work: Record<string, number>; reported: boolean; reportedOnTime: boolean;
  deliveries: Record<string, number>; openDeliveries: number; streak: { zeroStreakDays: number; epidemicFree: boolean; since?: string | undefined };
}, final: boolean): GridDay {
  return {
    gridId: s.gridId, scans: s.scans, cases: s.cases, work: s.work, reported: s.reported, reportedOnTime: s.reportedOnTime, deliveries: s.deliveries,
    openDeliveries: s.openDeliveries, zeroStreakDays: s.streak.zeroStreakDays, epidemicFree: s.streak.epidemicFree, since: s.streak.since, final,
  };
}

export interface EpidemicFreeItem {
  id: string;
  name: string;
  free: boolean;
  streakDays: number;
  since?: string;
}

/**
 * The epidemic-free listing of every unit of a level: a grid by its own streak; a community or
 * street when all its grids are free, with the shortest streak of its grids and the latest day
 * one of them became free.
 */
export function epidemicFreeListing(registry: Registry, level: Exclude<Level, 'district'>, days: ReadonlyMap<string, GridDay>) {
  const units = ({ grid: registry.grids, community: registry.communities, street: registry.streets } as const)[level];
  const items: EpidemicFreeItem[] = units.map((u) => {
    const grids = unitOf(registry, level, u.id)!.grids.map((g) => days.get(g)).filter((d): d is GridDay => d !== undefined);
    const free = grids.length > 0 && grids.every((d) => d.epidemicFree);
    const since = free ? grids.map((d) => d.since ?? '').sort().at(-1) : undefined;
    return { id: u.id, name: u.name, free, streakDays: grids.length ? Math.min(...grids.map((d) => d.zeroStreakDays)) : 0, ...(since ? { since } : {}) };
  });
  const free = items.filter((i) => i.free).length;
  return { total: items.length, free, percent: percent(free, items.length), items };
}
