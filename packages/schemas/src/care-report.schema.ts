import * as z from 'zod';
import { day, id } from './common.ts';
import { countsBy, reportLevel } from './reports.schema.ts';

const count = z.int().min(0);
const minutes = z.number().min(0).nullable();

/** A unit's care of a day: counts only (no household, no person), so the city may read it too. */
export const careFigures = z.strictObject({
  /** Urgent requests opened, and steps taken, that day; levels a missed clock raised; median minutes from opening to each step. */
  urgent: z.strictObject({
    opened: count, acknowledged: count, arranged: count, escalated: count, medianMinutesToAcknowledge: minutes, medianMinutesToArrange: minutes,
  }),
  visits: z.strictObject({ done: count }),
});

/** The counters a district sends its city with its day: the same counts, before they are summed. */
export const careCounts = countsBy(/^(urgent\.(opened|acknowledged|arranged|escalated)|(ack|arrange)\.minutes\.\d{1,6}|care\.visits)$/);

const careRow = careFigures.extend({
  level: reportLevel,
  id,
  name: z.string(),
  /** Today only: requests not yet arranged, those past their clock, and households due a care visit, now. */
  now: z.strictObject({ openUrgent: count, overdueUrgent: count, visitsDue: count }).optional(),
});

/** `GET /v1/reports/care`: a unit's care of a day, with one row per child unit. */
export const careReport = careRow.extend({ date: day, children: z.array(careRow) });
