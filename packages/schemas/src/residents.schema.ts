import * as z from 'zod';
import { id, instant, personId, reasons } from './common.ts';

/** Mainland resident ID (18 chars, last may be X) or another document number of 6–32 characters. */
export const idNumber = z.string().trim().min(6).max(32).regex(/^[A-Za-z0-9]+$/, 'letters and digits only');

export const registerResidentBody = z.strictObject({
  idNumber,
  name: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^\+?[0-9 -]{5,20}$/, 'digits, spaces, dashes, optional leading +'),
  buildingId: id,
  householdId: id,
});
export type RegisterResidentBody = z.infer<typeof registerResidentBody>;

export const codeColor = z.enum(['green', 'yellow', 'red']);
export const quarantineState = z.enum(['none', 'home', 'central']);

/** `POST /v1/residents`: who was registered, as the district keeps them (a pseudonym and masked fields). */
export const residentSummary = z.strictObject({
  personId,
  nameMasked: z.string(),
  phoneMasked: z.string(),
  buildingId: id,
  gridId: id,
  householdId: id,
});
export type ResidentSummary = z.infer<typeof residentSummary>;

/** `GET /v1/residents/{personId}`: the resident with their code colour, quarantine and last 14 days of scans. */
export const residentView = residentSummary.extend({
  codeColor,
  status: quarantineState,
  recentScans: z.array(z.strictObject({
    at: instant, checkpointId: id, direction: z.enum(['in', 'out']), temperatureC: z.number(),
    verdict: z.enum(['allow', 'deny']), reason: z.enum(reasons),
  })),
  temperatures: z.array(z.strictObject({ at: instant, temperatureC: z.number() })),
});
export type ResidentView = z.infer<typeof residentView>;

export const personParams = z.object({ personId });

/** `GET /v1/residents/{personId}/code`: a signed single-use code and when it stops being accepted. */
export const residentCode = z.strictObject({ code: z.string().min(16), codeColor, expiresAt: instant });
export type ResidentCode = z.infer<typeof residentCode>;
