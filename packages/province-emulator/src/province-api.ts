import * as z from 'zod';

/** Request bodies of the emulated provincial service, checked at its edge: bad input is a 400 naming the field. */
const digest = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an ID-number digest');
const idNumber = z.string().trim().min(6).max(32).regex(/^[A-Za-z0-9]+$/, 'letters and digits only');
const color = z.enum(['green', 'yellow', 'red']);
const shortId = z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only');

export const verifyBody = z.strictObject({ code: z.string().min(16).max(4096), at: z.iso.datetime({ offset: true }).optional() });
export const personColorBody = z.strictObject({ idDigest: digest });
export const caseReportBody = z.strictObject({
  eventId: shortId,
  type: z.enum(['case-registered', 'case-released']),
  reporter: shortId,
  caseId: shortId,
  idDigest: digest,
  category: z.enum(['confirmed', 'suspected', 'fever-unexcluded', 'close-contact']),
  quarantine: z.enum(['none', 'home', 'central']),
  at: z.iso.datetime({ offset: true }),
});
export const issueCodeBody = z.strictObject({ idNumber });

/** The province's faults, set on the control port: slow, failing or down, as at a peak. */
export const faultsBody = z.strictObject({
  latencyMs: z.int().min(0).max(60_000).optional(),
  failure: z.enum(['none', '5xx']).optional(),
  down: z.boolean().optional(),
});
export const setColorBody = z.union([z.strictObject({ idNumber, color }), z.strictObject({ idDigest: digest, color })]);
