import * as z from 'zod';
import { id, instant } from './common.ts';

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

export const residentSummary = z.object({
  personId: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  buildingId: z.string(),
  gridId: z.string(),
  householdId: z.string(),
});

export const residentView = residentSummary.extend({
  codeColor,
  status: quarantineState,
  recentScans: z.array(z.object({
    at: instant, checkpointId: z.string(), direction: z.enum(['in', 'out']), temperatureC: z.number(),
    verdict: z.enum(['allow', 'deny']), reason: z.string(),
  })),
  temperatures: z.array(z.object({ at: instant, temperatureC: z.number() })),
});

export const personParams = z.object({ personId: z.string().regex(/^p_[A-Za-z0-9_-]{16,64}$/, 'not a person id') });

export const residentCode = z.object({ code: z.string(), codeColor, expiresAt: instant });
