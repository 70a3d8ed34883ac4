import type { Registry } from '../registry/registry.ts';
import type { CareCounts, CareFigures } from '../care/care-counters.ts';
import { careFigures } from '../care/care-counters.ts';
import { medianMinutesToDeliver } from '../deliveries/delivery-counters.ts';
import type { Figures, GridDay, ReportRow } from './daily-report.ts';
import { percent, reportRow, unitFigures, unitOf } from './daily-report.ts';

/**
 * What a district sends its city for one day: counts only. No person, household, building or grid
 * id leaves the district (DESIGN.md: the city sees aggregates only).
 */
export interface DistrictDay {
  readonly districtId: string;
  readonly districtName: string;
  readonly date: string;
  /** When the district closed (or closed again) the day; a later close replaces an earlier one. */
  readonly closedAt: string;
  readonly final: boolean;
  readonly figures: Figures;
  /** Deliveries per minutes-to-deliver bucket, so the city's median is a median, not a mean of medians. */
  readonly deliveryMinutes: Readonly<Record<string, number>>;
  /** The district's care counters of the day, its grids' summed (counts and minute histograms only). */
  readonly care: CareCounts;
}

/** The district's day as its city receives it, from the grid-days the close has just written. */
export function districtDay(registry: Registry, date: string, days: ReadonlyMap<string, GridDay>, care: CareCounts, closedAt: string): DistrictDay {
  const row: ReportRow = reportRow(unitOf(registry, 'district', registry.district.id)!, date, days);
  const deliveryMinutes = addCounts<Record<string, number>>([...days.values()].map((d) => pick(d.deliveries, (k) => k.startsWith('minutes.'))), {});
  const { level: _level, id: _id, name: _name, date: _date, final, ...figures } = row;
  return { districtId: registry.district.id, districtName: registry.district.name, date, closedAt, final, figures, deliveryMinutes, care };
}

export interface CityIdentity {
  readonly id: string;
  readonly name: string;
  readonly districts: readonly string[];
}

export type CityRow = Figures & { level: 'district'; id: string; name: string; date: string; final: boolean; care: CareFigures };

export type CityReport = Figures & {
  level: 'city';
  id: string;
  name: string;
  date: string;
  /** Every member district has closed the day and none has changed since. */
  final: boolean;
  /** Member districts that have not sent this day yet. */
  missingDistricts: string[];
  /** Urgent requests and care visits of the day: counts only, as every figure the city reads. */
  care: CareFigures;
  children: CityRow[];
};

/** The city's day: one row per district that reported it, and their sums. */
export function cityReport(city: CityIdentity, date: string, received: readonly DistrictDay[]): CityReport {
  const members = received.filter((d) => city.districts.includes(d.districtId));
  const missingDistricts = city.districts.filter((id) => !members.some((d) => d.districtId === id));
  return {
    level: 'city', id: city.id, name: city.name, date,
    final: missingDistricts.length === 0 && members.every((d) => d.final),
    ...sumFigures(members),
    missingDistricts,
    care: careFigures(members.map((d) => d.care)),
    children: members.map((d) => ({ level: 'district', id: d.districtId, name: d.districtName, date: d.date, final: d.final, ...d.figures, care: careFigures([d.care]) })),
  };
}

function sumFigures(days: readonly DistrictDay[]): Figures {
  const zero = unitFigures([]);
  const f = days.map((d) => d.figures);
  const { denyReasons: _z, ...scanZero } = zero.scans;
  const { medianMinutesToDeliver: _n, ...deliveryZero } = zero.deliveries;
  const epidemicFree = addCounts(f.map((x) => ({ grids: x.epidemicFree.grids, free: x.epidemicFree.free })), { grids: 0, free: 0 });
  return {
    scans: { ...addCounts(f.map(({ scans: { denyReasons: _r, ...rest } }) => rest), scanZero), denyReasons: addCounts(f.map((x) => x.scans.denyReasons), {}) },
    cases: addCounts(f.map((x) => x.cases), zero.cases),
    screening: addCounts(f.map((x) => x.screening), zero.screening),
    hygiene: addCounts(f.map((x) => x.hygiene), zero.hygiene),
    deliveries: {
      ...addCounts(f.map(({ deliveries: { medianMinutesToDeliver: _m, ...rest } }) => rest), deliveryZero),
      medianMinutesToDeliver: medianMinutesToDeliver(addCounts(days.map((d) => d.deliveryMinutes), {})),
    },
    reporting: addCounts(f.map((x) => x.reporting), zero.reporting),
    epidemicFree: { ...epidemicFree, percent: percent(epidemicFree.free, epidemicFree.grids) },
  };
}

function addCounts<T extends Readonly<Record<string, number>>>(parts: readonly T[], zero: T): T {
  const total: Record<string, number> = { ...zero };
  for (const part of parts) for (const [key, n] of Object.entries(part)) total[key] = (total[key] ?? 0) + n;
  return total as T;
}

function pick(counts: Readonly<Record<string, number>>, keep: (key: string) => boolean): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([k]) => keep(k)));
}
