import * as z from 'zod';
import { id, instant } from './common.ts';

export const priority = z.enum(['normal', 'hardship', 'medical']);
export const deliveryStatus = z.enum(['queued', 'assigned', 'picked-up', 'delivered', 'failed', 'cancelled']);

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
  kind: z.enum(['groceries', 'group-buy', 'medicine', 'other']),
  items: z.array(z.strictObject({ name: z.string().trim().min(1).max(100), quantity: z.int().min(1).max(1000) })).min(1).max(50),
  priority,
  requestedAt: instant,
});

export const postGroupBuyBody = z.strictObject({
  groupBuyId: id,
  gridId: id,
  item: z.string().trim().min(1).max(100),
  arrivedAt: instant,
  households: z.array(z.strictObject({ householdId: id, buildingId: id, quantity: z.int().min(1).max(1000) })).min(1).max(2_000),
});

export const deliveryParams = z.object({ deliveryId: id });

/**
 * The page cursor that `GET /v1/deliveries` hands out: base64url JSON of the last key of a page of
 * a grid's deliveries (the table's and the gsi1 index's key attributes, all non-empty strings).
 * Anything else reaching the query as `ExclusiveStartKey` is a database error, so it is refused
 * here, as is a cursor of another grid or, with `status`, of another status (outside the query).
 */
const cursorKeys = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;
type CursorKey = Record<(typeof cursorKeys)[number], string>;

export function decodeDeliveriesCursor(next: string): CursorKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(next)) return undefined;
  let key: unknown;
  try {
    const binary = atob(next.replace(/-/g, '+').replace(/_/g, '/'));
    key = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return undefined;
  const entries = Object.entries(key);
  const wellFormed = entries.length === cursorKeys.length
    && entries.every(([k, v]) => (cursorKeys as readonly string[]).includes(k) && typeof v === 'string' && v.length > 0);
  return wellFormed ? (key as CursorKey) : undefined;
}

export const listDeliveriesQuery = z.strictObject({
  gridId: id,
  status: deliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  next: z.string().max(2_000).optional(),
}).superRefine((query, ctx) => {
  if (!query.next) return;
  const key = decodeDeliveriesCursor(query.next);
  const problem = !key ? 'not a cursor this API gave out'
    : key.gsi1pk !== `GRIDDEL#${query.gridId}` ? 'cursor is for another grid'
      : query.status !== undefined && !key.gsi1sk.startsWith(`${query.status}#`) ? 'cursor is for another status'
        : undefined;
  if (problem) ctx.addIssue({ code: 'custom', path: ['next'], message: problem });
});

export const deliveryEventBody = z.strictObject({
  type: z.enum(['picked-up', 'delivered', 'failed']),
  at: instant,
  reason: z.enum(['not-home', 'wrong-address', 'refused', 'out-of-stock', 'other']).optional(),
  note: z.string().max(500).optional(),
}).refine((e) => e.type !== 'failed' || e.reason !== undefined, { message: 'a failure needs a reason', path: ['reason'] })
  .refine((e) => e.type === 'failed' || e.reason === undefined, { message: 'only a failure has a reason', path: ['reason'] });

/** The dispatch queue message: "look at this grid's queue again". */
export const dispatchMessage = z.object({ gridId: z.string().min(1) });
