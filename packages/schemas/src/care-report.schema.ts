import * as z from 'zod';
import { day, id } from './common.ts';
import { reportLevel } from './reports.schema.ts';

const count = z.int().min(0);
const minutes = z.number().min(0).nullable();

/** One unit's care of a day: counts only (no household, no person), so the city may read it too. */
const careRow = z.strictObject({
  level: reportLevel,
  id,
  name: z.string(),
  /** Urgent requests opened, and steps taken, that day; levels a missed clock raised; median minutes from opening to each step. */
  urgent: z.strictObject({
    opened: count, acknowledged: count, arranged: count, escalated: count, medianMinutesToAcknowledge: minutes, medianMinutesToArrange: minutes,
  }),
  visits: z.strictObject({ done: count }),
  /** Today only: requests not yet arranged, those past their clock, and households due a care visit, now. */
  now: z.strictObject({ openUrgent: count, overdueUrgent: count, visitsDue: count }).optional(),
});

/** `GET /v1/reports/care`: a unit's care of a day, with one row per child unit. */
export const careReport = careRow.extend({ date: day, children: z.array(careRow) });
