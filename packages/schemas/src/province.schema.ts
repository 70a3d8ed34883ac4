import * as z from 'zod';
import { id, instant, personId } from './common.ts';

/**
 * The `province-reports` queue message: one four-category case event (a registration or a
 * release) on its way up to the provincial service. `eventId` is `<district>:<caseId>:<kind>`,
 * the same on every retry of the request that produced it: the consumer and the province take it once.
 */
export const provinceReportMessage = z.strictObject({
  v: z.literal(1),
  eventId: z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._:-]*:(registered|released)$/, 'not a case event id'),
  kind: z.enum(['registered', 'released']),
  caseId: id,
  personId,
  category: z.enum(['confirmed', 'suspected', 'fever-unexcluded', 'close-contact']),
  quarantine: z.enum(['none', 'home', 'central']),
  at: instant,
}).refine((m) => m.eventId.endsWith(`:${m.caseId}:${m.kind}`), { message: 'the event id does not name this case and kind', path: ['eventId'] });
export type ProvinceReportMessage = z.infer<typeof provinceReportMessage>;

/**
 * A district's health-code policy (`policy.healthCodes` in `PUT /v1/registry`): which codes its
 * gates accept, in which order, and whether a gate answers provisionally from the province's
 * signed code while the province is unreachable. Defaults: Firstline's own code only, fallback on.
 */
export const healthCodePolicyInput = z.strictObject({
  accept: z.array(z.enum(['firstline', 'province'])).min(1).max(2)
    .refine((ids) => new Set(ids).size === ids.length, 'a provider is listed twice'),
  offlineFallback: z.boolean(),
}).partial();
