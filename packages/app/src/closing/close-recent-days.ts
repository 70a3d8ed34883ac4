import { addDays, dayOf, daysBetween } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';
import { startClose } from './close-runs.ts';

/**
 * How far back each night's close looks again: a late upload or case for one of these days
 * revises its snapshot and the streaks after it by the next morning. Older days change only when
 * an admin closes them again.
 */
const revisionDays = 7;

/**
 * Just after local midnight: closes the day that has just ended first, so its report is there
 * early, then the week before it again (a second close, started when the first is done, which
 * carries any changed streak forward to yesterday). Named by the day, so a schedule that fires
 * twice starts the same close.
 */
export async function closeRecentDays(ports: DistrictPorts, now: Date) {
  const { timeZone } = await districtSettings(ports);
  const yesterday = addDays(dayOf(now, timeZone), -1);
  const week = daysBetween(addDays(yesterday, -revisionDays), addDays(yesterday, -1));
  return startClose(ports, { days: [yesterday], then: week, closeId: `nightly-${yesterday}` }, now);
}
