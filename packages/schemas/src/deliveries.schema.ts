import * as z from 'zod';
import { id, instant } from './common.ts';
import { clientInstant } from './scans.schema.ts';

export const priority = z.enum(['normal', 'hardship', 'medical']);
export const deliveryStatus = z.enum(['queued', 'assigned', 'picked-up', 'delivered', 'failed', 'cancelled']);
export const deliveryKind = z.enum(['groceries', 'group-buy', 'medicine', 'other']);
export const failureReason = z.enum(['not-home', 'wrong-address', 'refused', 'out-of-stock', 'other']);
export const deliveryItem = z.strictObject({ name: z.string().trim().min(1).max(100), quantity: z.int().min(1).max(1000) });

export const volunteerParams = z.object({ volunteerId: id });
export const putVolunteerBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^\+?[0-9 -]{5,20}$/, 'digits, spaces, dashes, optional leading +'),
  roles: z.array(z.string().trim().min(1).max(40)).max(10),
  gridIds: z.array(id).min(1).max(50),
  onDuty: z.boolean(),
  capacity: z.int().min(1).max(50),
});

export const postDeliveryBody = z.strictObject({
  deliveryId: id,
  householdId: id,
  buildingId: id,
  kind: deliveryKind,
  items: z.array(deliveryItem).min(1).max(50),
  priority,
  requestedAt: clientInstant,
});

export const postGroupBuyBody = z.strictObject({
  groupBuyId: id,
  gridId: id,
  item: z.string().trim().min(1).max(100),
  arrivedAt: clientInstant,
  households: z.array(z.strictObject({ householdId: id, buildingId: id, quantity: z.int().min(1).max(1000) })).min(1).max(2_000),
});

export const deliveryParams = z.object({ deliveryId: id });

/** `next` is the opaque cursor a previous page gave out; the store that made it checks it is one of its own. */
export const listDeliveriesQuery = z.strictObject({
  gridId: id,
  status: deliveryStatus.optional(),
  limit: z.coerce.number<number>().int().min(1).max(200).default(50),
  next: z.string().max(2_000).regex(/^[A-Za-z0-9_-]*$/, 'not a cursor this API gave out').optional(),
});

export const deliveryEventBody = z.strictObject({
  type: z.enum(['picked-up', 'delivered', 'failed']),
  at: clientInstant,
  reason: failureReason.optional(),
  note: z.string().max(500).optional(),
}).refine((e) => e.type !== 'failed' || e.reason !== undefined, { message: 'a failure needs a reason', path: ['reason'] })
  .refine((e) => e.type === 'failed' || e.reason === undefined, { message: 'only a failure has a reason', path: ['reason'] });

/** The dispatch queue message: "look at this grid's queue again". */
export const dispatchMessage = z.object({ gridId: z.string().min(1) });

/** One change of status, kept for ever in a delivery's history. */
export const deliveryHistoryEntry = z.strictObject({
  status: deliveryStatus,
  at: instant,
  /** Absent when no one decided it: the automatic requeue after a failed attempt. */
  by: z.string().optional(),
  /** On `failed` entries only. */
  reason: failureReason.optional(),
  /** On `assigned` entries: who the delivery went to. */
  volunteerId: id.optional(),
  note: z.string().max(500).optional(),
});

/** A delivery as the API shows it: the household's address, no personal data, no version or hash. */
export const deliveryView = z.strictObject({
  deliveryId: id,
  status: deliveryStatus,
  /** While assigned or picked up, and kept on a delivered, failed or cancelled one for the record. */
  volunteerId: id.optional(),
  /** Pick-up order within a group-buy, 1..n; absent on single orders. */
  callNumber: z.int().min(1).optional(),
  priority,
  history: z.array(deliveryHistoryEntry).min(1),
  gridId: id,
  buildingId: id,
  householdId: id,
  kind: deliveryKind,
  items: z.array(deliveryItem).min(1),
  requestedAt: instant,
  /** Failed attempts so far. */
  attempts: z.int().min(0),
});
export type DeliveryView = z.infer<typeof deliveryView>;

/**
 * `GET /v1/deliveries`: a page of a grid's deliveries, oldest first; `next` only when there is more.
 * A queued one says why it still waits, as the dispatcher would plan it now: nobody serves its
 * grid, nobody who does is on duty, or everyone on duty is full (absent: it is about to be placed).
 */
export const deliveryPage = z.strictObject({
  items: z.array(deliveryView.extend({ waiting: z.enum(['no-volunteer-for-grid', 'no-volunteer-on-duty', 'all-at-capacity']).optional() })),
  next: z.string().min(1).optional(),
});
export type DeliveryPage = z.infer<typeof deliveryPage>;

/** `GET /v1/volunteers/{volunteerId}/tasks`: open tasks in walking order (building, call number, age). */
export const volunteerTasks = z.strictObject({ volunteerId: id, tasks: z.array(deliveryView) });
export type VolunteerTasks = z.infer<typeof volunteerTasks>;

/** `PUT /v1/volunteers/{volunteerId}`: the stored profile (masked), and the tasks it gave back to the queue. */
export const volunteerSaved = z.strictObject({
  volunteerId: id,
  nameMasked: z.string(),
  phoneMasked: z.string(),
  roles: z.array(z.string()),
  gridIds: z.array(id).min(1),
  onDuty: z.boolean(),
  capacity: z.int().min(1),
  /** Tasks the volunteer still holds after the release. */
  openTasks: z.int().min(0),
  /** Deliveries released back to the queue: off duty, over capacity or outside the volunteer's grids. */
  released: z.array(id),
});
export type VolunteerSaved = z.infer<typeof volunteerSaved>;

/** `POST /v1/deliveries`: accepted and queued for the dispatcher. */
export const deliveryAccepted = z.strictObject({ deliveryId: id, status: z.literal('queued') });
export type DeliveryAccepted = z.infer<typeof deliveryAccepted>;

/** `POST /v1/group-buys`: accepted, one delivery queued per household. */
export const groupBuyAccepted = z.strictObject({ groupBuyId: id, deliveries: z.int().min(1) });
export type GroupBuyAccepted = z.infer<typeof groupBuyAccepted>;
