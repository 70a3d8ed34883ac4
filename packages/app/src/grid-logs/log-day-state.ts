import type { Reopening } from '@firstline/domain';
import { dayProblem } from '@firstline/domain';
import type { DistrictPorts } from '../district.ts';
import { districtSettings } from '../district.ts';

/** Whether a grid's logs for a day are still taken: locked past the backlog window, unless an admin reopened it. */
export interface LogDayState {
  readonly locked: boolean;
  /** The latest reopening, while it lasts or after (who, when, why, until when). */
  readonly reopening?: Reopening | undefined;
}

export async function logDayState(ports: Pick<DistrictPorts, 'registry' | 'defaultTimeZone' | 'gridLogs'>, gridId: string, date: string, now = new Date()): Promise<LogDayState> {
  const { policy, timeZone } = await districtSettings(ports);
  if (dayProblem(date, policy, now, timeZone)?.kind !== 'locked') return { locked: false };
  const reopening = await ports.gridLogs.reopening(gridId, date);
  const open = reopening !== undefined && Date.parse(reopening.until) > now.getTime();
  return { locked: !open, reopening };
}
