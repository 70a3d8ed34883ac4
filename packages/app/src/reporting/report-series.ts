import type { Registry, Unit } from '@firstline/domain';
import { daysBetween } from '@firstline/domain';
import type { ReportPorts } from './read-grid-days.ts';
import { unitReport } from './unit-report.ts';

/** A unit's trend: each day's report without its children. */
export async function reportSeries(ports: ReportPorts, registry: Registry, unit: Unit, from: string, to: string) {
  const days = await Promise.all(daysBetween(from, to).map(async (date) => {
    const { children: _children, ...report } = await unitReport(ports, registry, unit, date);
    return report;
  }));
  return { days };
}
