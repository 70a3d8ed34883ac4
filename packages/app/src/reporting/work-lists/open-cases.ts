import type { CaseRecord, Registry, WorkListScope } from '@firstline/domain';
import { dayOf, daysSinceReported, quarantineEnd, quarantineEndingSoon, quarantineReportDays } from '@firstline/domain';
import type { DistrictPorts } from '../../district.ts';
import { districtSettings } from '../../district.ts';
import { listedPersons } from './person-details.ts';

type Page = { limit: number; cursor?: string | undefined };
type Ports = Pick<DistrictPorts, 'openCases' | 'residents' | 'registry' | 'defaultTimeZone'>;

/** A case as the lists answer it: its grid by name, the person masked as the resident view shows them. */
async function caseViews(ports: Pick<DistrictPorts, 'residents'>, registry: Registry, cases: readonly CaseRecord[]) {
  const persons = await listedPersons(ports, cases.map((c) => c.personId));
  const gridName = new Map(registry.grids.map((g) => [g.id, g.name]));
  return cases.map((c) => ({
    caseId: c.caseId, gridId: c.gridId, gridName: gridName.get(c.gridId) ?? c.gridId, category: c.category, quarantine: c.quarantine,
    reportedAt: c.reportedAt, day: c.day, person: persons.get(c.personId) ?? null,
  }));
}

/**
 * Four-category persons still open (not released; a release waiting for its approval is still
 * open), grid by grid, oldest report first, each with its category, quarantine kind and the days
 * since it was reported (0 on the day itself, district time): a page.
 */
export async function listOpenCases(ports: Ports, registry: Registry, scope: WorkListScope, page: Page, now = new Date()) {
  const { timeZone } = await districtSettings(ports);
  const today = dayOf(now, timeZone);
  const found = await ports.openCases.openCases(scope, page.limit, page.cursor);
  const items = (await caseViews(ports, registry, found.items)).map((c) => ({ ...c, daysSinceReported: daysSinceReported(c.day, today) }));
  return { date: today, items, ...(found.next === undefined ? {} : { nextCursor: found.next }) };
}

/**
 * Home and central quarantines of open cases that end within the next 48 h, or whose end has
 * passed while the case is still open, each with when it ends (the policy's `quarantineDays` after
 * `reportedAt`: nothing the API takes says when a quarantine ends). A page; the store filters on the
 * report day, and the exact end is checked here, so a page may hold fewer than `limit` items while
 * `nextCursor` says more may follow.
 */
export async function listQuarantinesEnding(ports: Ports, registry: Registry, scope: WorkListScope, page: Page, now = new Date()) {
  const { timeZone, policy } = await districtSettings(ports);
  const found = await ports.openCases.openCases(scope, page.limit, page.cursor, { quarantineReportedBy: quarantineReportDays(now, policy, timeZone) });
  const ending = found.items.flatMap((c) => {
    const endsAt = quarantineEnd(c, policy);
    return endsAt !== undefined && quarantineEndingSoon(endsAt, now) ? [{ c, endsAt }] : [];
  });
  const views = await caseViews(ports, registry, ending.map((e) => e.c));
  const items = views.map((v, i) => ({ ...v, endsAt: ending[i]!.endsAt, ended: Date.parse(ending[i]!.endsAt) <= now.getTime() }));
  return { date: dayOf(now, timeZone), items, ...(found.next === undefined ? {} : { nextCursor: found.next }) };
}
