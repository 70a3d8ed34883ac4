import { addDays } from '../calendar.ts';
import type { Policy } from '../policy.ts';

/** What a day's streak depends on, from that day's snapshot. */
export interface DayMeasures {
  readonly newCases: number;
  /** Four-category cases of the grid still open at the end of the day. */
  readonly openCases: number;
  /** A log that counts for certification: on time, or late with an admin's approval. */
  readonly reported: boolean;
  /** Disinfection rounds of the logs that count for certification. */
  readonly disinfectionRounds: number;
}

export interface Streak {
  /** Consecutive qualifying days ending on this day; 0 when the day does not qualify. */
  readonly zeroStreakDays: number;
  readonly epidemicFree: boolean;
  /** First day of the current streak, when epidemic-free. */
  readonly since?: string | undefined;
}

/**
 * DESIGN.md: a day qualifies when the grid had no new four-category person, none still open (as
 * Wuhan's rule required: suspected, fever and close contacts all released), and its control
 * measures were in place (a daily report by the deadline or approved, at least
 * `minDisinfectionRounds` disinfections).
 */
export function qualifies(day: DayMeasures, policy: Policy): boolean {
  return day.newCases === 0 && day.openCases === 0 && day.reported && day.disinfectionRounds >= policy.minDisinfectionRounds;
}

/**
 * The streak on `day` from the day before's: a grid is epidemic-free once it has
 * `epidemicFreeDays` qualifying days in a row. A grid with no snapshot the day before starts from
 * zero: an unreported day never counts.
 */
export function nextStreak(day: string, measures: DayMeasures, previous: Streak | undefined, policy: Policy): Streak {
  if (!qualifies(measures, policy)) return { zeroStreakDays: 0, epidemicFree: false };
  const zeroStreakDays = (previous?.zeroStreakDays ?? 0) + 1;
  const epidemicFree = zeroStreakDays >= policy.epidemicFreeDays;
  return { zeroStreakDays, epidemicFree, ...(epidemicFree ? { since: addDays(day, -(zeroStreakDays - 1)) } : {}) };
}

export function sameStreak(a: Streak | undefined, b: Streak): boolean {
  return a !== undefined && a.zeroStreakDays === b.zeroStreakDays && a.epidemicFree === b.epidemicFree && a.since === b.since;
}
