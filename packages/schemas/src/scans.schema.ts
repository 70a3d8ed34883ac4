import * as z from 'zod';
import { id, instant } from './common.ts';
import { idNumber } from './residents.schema.ts';

export const reasons = ['ok', 'invalid-code', 'unknown-person', 'code-red', 'code-yellow', 'fever', 'quarantine', 'pass-quota'] as const;

export const scanInput = z.strictObject({
  scanId: id,
  checkpointId: id,
  code: z.string().min(16).max(2048).optional(),
  idNumber: idNumber.optional(),
  direction: z.enum(['in', 'out']),
  temperatureC: z.number().min(34).max(43),
  scannedAt: instant,
  deviceId: id.optional(),
}).refine((s) => (s.code === undefined) !== (s.idNumber === undefined), {
  message: 'exactly one of code or idNumber is required',
  path: ['code'],
});
export type ScanInput = z.infer<typeof scanInput>;

export const postScansBody = z.strictObject({ scans: z.array(scanInput).min(1).max(100) });

export const scanResult = z.object({
  scanId: z.string(),
  verdict: z.enum(['allow', 'deny']),
  reason: z.enum(reasons),
  person: z.object({ personId: z.string(), nameMasked: z.string(), buildingId: z.string(), codeColor: z.enum(['green', 'yellow', 'red']) }).nullable(),
});
export const postScansResponse = z.object({ results: z.array(scanResult) });

export const caseCategory = z.enum(['confirmed', 'suspected', 'fever-unexcluded', 'close-contact']);

export const postCaseBody = z.strictObject({
  caseId: id,
  personId: z.string().regex(/^p_[A-Za-z0-9_-]{16,64}$/, 'not a person id'),
  category: caseCategory,
  reportedAt: instant,
  quarantine: z.enum(['none', 'home', 'central']),
});
export type PostCaseBody = z.infer<typeof postCaseBody>;

export const caseParams = z.object({ caseId: id });
export const releaseCaseBody = z.strictObject({ releasedAt: instant });

/** The scan-events queue message: what the aggregator trusts only after parsing it again. */
export const scanEventMessage = z.object({
  v: z.literal(1),
  scans: z.array(z.object({
    scanId: z.string().min(1),
    checkpointId: z.string().min(1),
    gridId: z.string().min(1),
    day: z.iso.date(),
    at: z.iso.datetime({ offset: true }),
    direction: z.enum(['in', 'out']),
    temperatureC: z.number(),
    verdict: z.enum(['allow', 'deny']),
    reason: z.enum(reasons),
    fever: z.boolean(),
    personId: z.string().nullable(),
    expiresAt: z.int(),
  })).min(1),
});
