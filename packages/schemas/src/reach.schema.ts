import * as z from 'zod';
import { id, instant, personId, placeName } from './common.ts';

/**
 * `PUT /v1/residents/{personId}/contact`: the resident agrees to be reached at this number (said
 * explicitly: `consent: true`). It is sealed for the notifier at once and kept nowhere in the clear.
 */
export const putContactBody = z.strictObject({
  phone: z.string().trim().regex(/^\+?[0-9 -]{5,20}$/, 'digits, spaces, dashes, optional leading +'),
  consent: z.literal(true),
});

export const contactView = z.strictObject({ personId, phoneMasked: z.string(), consentedAt: instant, consentedBy: z.string().max(256) });

/** `DELETE /v1/residents/{personId}/contact`: consent withdrawn, the number deleted (`deleted`: there was one). */
export const contactWithdrawn = z.strictObject({ personId, withdrawnAt: instant, withdrawnBy: z.string().max(256), deleted: z.boolean() });

export const groupBuyParams = z.object({ groupBuyId: id });

/**
 * `POST /v1/group-buys/{groupBuyId}/calls`: call these numbers (all from `from` when `to` is left
 * out), `perMinute` a minute, to collect at `pickup`; at most 15 minutes ahead per call.
 */
export const callGroupBuyBody = z.strictObject({
  gridId: id,
  from: z.int().min(1),
  to: z.int().min(1).optional(),
  perMinute: z.int().min(1).max(60),
  // A place, said in every SMS: words, digits and brackets only, so no link or number to call can ride along.
  pickup: placeName,
}).refine((b) => b.to === undefined || b.to >= b.from, { message: 'to comes after from', path: ['to'] });

export const groupBuyCalled = z.strictObject({
  groupBuyId: id,
  /** Each number called, and in how many seconds its households are told. */
  called: z.array(z.strictObject({ callNumber: z.int().min(1), inSeconds: z.int().min(0).max(900) })),
});

/** A notification on the notifier's queue: a household (or one person of it) and a template, never a number. */
export const notificationMessage = z.intersection(
  z.object({ v: z.literal(1), notificationId: z.string().min(1).max(200), householdId: z.string().min(1), personId: z.string().min(1).optional() }),
  z.discriminatedUnion('template', [
    z.object({ template: z.literal('group-buy-call'), callNumber: z.int().min(1), item: z.string(), pickup: z.string() }),
    z.object({ template: z.literal('delivery-at-door'), item: z.string() }),
    z.object({ template: z.literal('code-changed'), color: z.enum(['yellow', 'red']) }),
    z.object({ template: z.literal('test-slot'), kind: z.enum(['pcr', 'antigen']), from: z.string(), to: z.string(), place: z.string() }),
  ]),
);
