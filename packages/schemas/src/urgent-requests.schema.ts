import * as z from 'zod';
import { id, instant, personId } from './common.ts';
import { clientInstant } from './scans.schema.ts';

/** The kinds of urgent medical request (the domain's `urgentKinds`; a test keeps the two equal). */
export const urgentKind = z.enum(['dialysis', 'labour', 'chest-pain-stroke', 'fever-clinic', 'other']);

export const urgentParams = z.object({ requestId: id });

/**
 * `POST /v1/urgent-requests`: a household's urgent need, its kind and when it is needed. The
 * household is named, or found from a person (a gate keeper knows the person just scanned, not
 * their door): exactly one of the two.
 */
export const openUrgentBody = z.strictObject({
  requestId: id, householdId: id.optional(), buildingId: id.optional(), personId: personId.optional(),
  kind: urgentKind, neededAt: clientInstant, note: z.string().trim().max(500).optional(),
  /** The gate it was raised at: a gate keeper names theirs (their token's scope), and the building must lie behind it. */
  checkpointId: id.optional(),
}).refine((b) => (b.personId === undefined ? b.householdId !== undefined && b.buildingId !== undefined : b.householdId === undefined && b.buildingId === undefined), {
  message: 'name the household (householdId and buildingId) or the person (personId), not both',
  path: ['householdId'],
});

/** `POST /v1/urgent-requests/{requestId}/steps`: acknowledged, or arranged (saying how). */
export const urgentStepBody = z.strictObject({ step: z.enum(['acknowledged', 'arranged']), how: z.string().trim().min(1).max(200).optional() });

const step = z.strictObject({ by: z.string().max(256), at: instant, how: z.string().optional() });

export const urgentRequestView = z.strictObject({
  requestId: id, householdId: id, buildingId: id, gridId: id, kind: urgentKind, neededAt: instant, note: z.string().optional(),
  openedBy: z.string().max(256), openedAt: instant, acknowledged: step.optional(), arranged: step.optional(),
  /** How far the watch of missed clocks has escalated it (each level raised once), and when. */
  escalated: z.strictObject({ to: z.enum(['community', 'street']), at: instant }).optional(),
  /** Where it stands on its clock now: the step it waits for, when that is due, whether overdue and how far escalated. */
  status: z.strictObject({
    stage: z.enum(['waiting-acknowledgement', 'waiting-arrangement', 'arranged']),
    dueAt: instant.optional(),
    overdue: z.boolean(),
    escalation: z.enum(['none', 'community', 'street']),
  }),
});

/**
 * `GET /v1/urgent-requests[?gridId=]`: the requests not yet arranged, the most escalated first: the
 * caller's (the district for the command center, their own grids for a grid worker), or one grid's.
 */
export const urgentQuery = z.strictObject({ gridId: id.optional() });
export const urgentList = z.strictObject({ items: z.array(urgentRequestView) });
