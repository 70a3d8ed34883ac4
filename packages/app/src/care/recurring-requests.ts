import { dialysisSessions, dayOf } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';

/**
 * How far ahead a session's request is opened: the evening before a morning session, so its clock
 * (acknowledged within 30 minutes, transport arranged within 2 hours) runs out hours before it.
 */
export const recurringLeadHours = 12;

/** Who opened a recurring request: the schedule, not a person. */
export const recurringOpener = 'schedule';

/**
 * Every hour: each dialysis session of the district's households in the next 12 hours gets its
 * urgent request, once. The request id is the household's and the session's, and its body is the
 * same on every run, so a second run (or two at once) finds it created and opens nothing.
 */
export async function openRecurringRequests(ports: Pick<DistrictPorts, 'householdNeeds' | 'urgentRequests' | 'pseudonyms' | 'registry' | 'defaultTimeZone'>, now = new Date()) {
  const { timeZone } = await districtSettings(ports);
  const until = new Date(now.getTime() + recurringLeadHours * 3_600_000);
  let opened = 0;
  let sessions = 0;
  for (const household of await ports.householdNeeds.withDialysis()) {
    if (!household.dialysis || !household.needs.includes('dialysis')) continue;
    for (const at of dialysisSessions(household.dialysis, now, until, timeZone)) {
      sessions++;
      const opening = {
        requestId: `dialysis-${household.householdId}-${dayOf(at, timeZone)}`, householdId: household.householdId, buildingId: household.buildingId,
        kind: 'dialysis' as const, neededAt: at.toISOString(), note: 'recurring dialysis session',
      };
      const request = { ...opening, gridId: household.gridId, openedBy: recurringOpener, openedAt: now.toISOString() };
      if ((await ports.urgentRequests.create(request, ports.pseudonyms.fingerprint([JSON.stringify(opening)]))) === 'created') opened++;
    }
  }
  return { sessions, opened };
}
