import { addDays, dayOf, daysBetween } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { closeDistrictDay } from './close-district-day.ts';

/**
 * How far back each night's close looks again: a late upload or case for one of these days
 * revises its snapshot and the streaks after it by the next morning. Older days change only when
 * an admin closes them again.
 */
const revisionDays = 7;

/** Just after local midnight: closes the day that has just ended, and closes the week before it again. */
export async function closeRecentDays(ports: DistrictPorts, now: Date) {
  const { timeZone } = await districtSettings(ports);
  const yesterday = addDays(dayOf(now, timeZone), -1);
  let revisedLaterDays = 0;
  for (const date of daysBetween(addDays(yesterday, -revisionDays), yesterday)) {
    revisedLaterDays += (await closeDistrictDay(ports, date, now)).revisedLaterDays;
  }
  return { date: yesterday, revisionDays, revisedLaterDays };
}
