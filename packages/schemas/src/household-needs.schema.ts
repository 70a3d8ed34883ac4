import * as z from 'zod';
import { id, instant } from './common.ts';
import { clientDay, clientInstant } from './scans.schema.ts';

/** A vulnerable household's needs (the domain's `householdNeeds`; a test keeps the two equal). */
export const householdNeed = z.enum(['elderly-alone', 'disabled', 'chronic-medicine', 'dialysis', 'pregnancy', 'infant', 'hardship', 'mental-health']);

export const householdParams = z.object({ householdId: id });

/** Dialysis sessions: ISO weekdays (1 Monday … 7 Sunday) and the local time; each session gets an urgent request ahead of time. */
const dialysisSchedule = z.strictObject({
  weekdays: z.array(z.int().min(1).max(7)).min(1).max(7).refine((days) => new Set(days).size === days.length, 'each weekday once'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM'),
});

/** A chronic patient's medicine, delivered every `everyDays` days from the day it is set. */
const medicineSchedule = z.strictObject({ item: z.string().trim().min(1).max(100), quantity: z.int().min(1).max(1000), everyDays: z.int().min(1).max(60) });

/**
 * `PUT /v1/households/{householdId}/needs`: its building, and its needs (none clears them); a due
 * date with a pregnancy; the sessions with dialysis; the medicine with chronic medicine.
 */
export const householdNeedsBody = z.strictObject({
  buildingId: id,
  needs: z.array(householdNeed).max(8).refine((needs) => new Set(needs).size === needs.length, 'each need once'),
  dueDate: clientDay.optional(),
  dialysis: dialysisSchedule.optional(),
  medicine: medicineSchedule.optional(),
});

export const householdNeedsView = z.strictObject({
  householdId: id,
  buildingId: id,
  gridId: id,
  needs: z.array(householdNeed),
  dueDate: clientDay.optional(),
  dialysis: dialysisSchedule.optional(),
  /** With `since`: the district day the schedule was set, its first delivery. */
  medicine: medicineSchedule.extend({ since: clientDay }).optional(),
  /** The priority its deliveries and group-buy deliveries go with. */
  priority: z.enum(['medical', 'hardship', 'normal']),
  updatedBy: z.string().max(256),
  updatedAt: instant,
  lastVisit: z.strictObject({
    at: instant, by: z.string().max(256), kind: z.enum(['visit', 'call']), found: z.enum(['well', 'needs-help', 'not-reached']), note: z.string().max(500).optional(),
  }).optional(),
  /** Never visited or called, not for the policy's `careVisitDays`, or last found needing help or not reached. */
  visitDue: z.boolean(),
});

/** `GET /v1/households/needs?gridId=[&due=true]`: a grid's households with needs, by household id; `due`: only those due a visit. */
export const householdNeedsQuery = z.strictObject({ gridId: id, due: z.enum(['true', 'false']).optional() });

/** `POST /v1/households/{householdId}/visits`: a carer's visit or call, and what was found. */
export const careVisitBody = z.strictObject({
  at: clientInstant, kind: z.enum(['visit', 'call']), found: z.enum(['well', 'needs-help', 'not-reached']), note: z.string().trim().max(500).optional(),
});
export const householdNeedsList = z.strictObject({ items: z.array(householdNeedsView) });
