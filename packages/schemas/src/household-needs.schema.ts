import * as z from 'zod';
import { id, instant } from './common.ts';
import { clientDay } from './scans.schema.ts';

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
});

/** `GET /v1/households/needs?gridId=`: a grid's households with needs, by household id. */
export const householdNeedsQuery = z.strictObject({ gridId: id });
export const householdNeedsList = z.strictObject({ items: z.array(householdNeedsView) });
