import * as z from 'zod';
import { id, instant } from './common.ts';
import { clientDay, clientInstant } from './scans.schema.ts';

/** A vulnerable household's needs (the domain's `householdNeeds`; a test keeps the two equal). */
export const householdNeed = z.enum(['elderly-alone', 'disabled', 'chronic-medicine', 'dialysis', 'pregnancy', 'infant', 'hardship', 'mental-health']);

export const householdParams = z.object({ householdId: id });

/** `PUT /v1/households/{householdId}/needs`: its building, and its needs (none clears them); a due date with a pregnancy. */
export const householdNeedsBody = z.strictObject({
  buildingId: id,
  needs: z.array(householdNeed).max(8).refine((needs) => new Set(needs).size === needs.length, 'each need once'),
  dueDate: clientDay.optional(),
});

export const householdNeedsView = z.strictObject({
  householdId: id,
  buildingId: id,
  gridId: id,
  needs: z.array(householdNeed),
  dueDate: clientDay.optional(),
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
