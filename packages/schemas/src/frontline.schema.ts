import * as z from 'zod';
import { day, id, instant } from './common.ts';
import { deliveryItem, deliveryKind, deliveryStatus, priority } from './deliveries.schema.ts';

/** `GET /v1/residents/{personId}/household`: what a resident's app shows of their own household. */
export const householdView = z.strictObject({
  householdId: id,
  buildingId: id,
  /** Null when the district has no pass quota. */
  outings: z.strictObject({ perHousehold: z.int().min(1), everyDays: z.int().min(1), left: z.int().min(0) }).nullable(),
  /** The latest deliveries, newest first, with their call numbers. */
  deliveries: z.array(z.strictObject({
    deliveryId: id,
    kind: deliveryKind,
    status: deliveryStatus,
    callNumber: z.int().min(1).optional(),
    priority,
    requestedAt: instant,
    items: z.array(deliveryItem).min(1),
  })),
  /** The building's testing rounds from today on: when and where, and whether this resident was tested (with their result once known). */
  testSlots: z.array(z.strictObject({
    roundId: id,
    kind: z.enum(['pcr', 'antigen']),
    day,
    place: z.string(),
    from: instant,
    to: instant,
    tested: z.boolean(),
    result: z.enum(['negative', 'positive', 'invalid']).optional(),
  })),
});
export type HouseholdView = z.infer<typeof householdView>;

/** `GET /v1/keys/codes`: the public key (JWK) that verifies the district's codes, for a gate offline. */
export const codeKeys = z.strictObject({
  issuer: z.string().min(1),
  audience: z.string().min(1),
  keys: z.array(z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(32), alg: z.literal('EdDSA'), use: z.literal('sig'), kid: z.string().min(1) })).min(1),
});
export type CodeKeys = z.infer<typeof codeKeys>;

/** `PUT /v1/volunteers/{volunteerId}/duty`: a volunteer going on or off duty from their own phone. */
export const volunteerDutyBody = z.strictObject({ onDuty: z.boolean() });
export const volunteerDuty = z.strictObject({
  volunteerId: id,
  onDuty: z.boolean(),
  openTasks: z.int().min(0),
  /** Tasks not yet picked up that going off duty handed back to the dispatcher. */
  released: z.array(id),
});
export type VolunteerDuty = z.infer<typeof volunteerDuty>;
