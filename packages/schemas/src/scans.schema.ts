import * as z from 'zod';
import { day, id, instant, personId, reasons } from './common.ts';
import { codeColor, idNumber, quarantineState } from './residents.schema.ts';

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

/** A scan's verdict, and the person the gate worker should see (null when the code or ID named nobody). */
export const scanResult = z.strictObject({
  scanId: id,
  verdict: z.enum(['allow', 'deny']),
  reason: z.enum(reasons),
  person: z.strictObject({ personId, nameMasked: z.string(), buildingId: id, codeColor }).nullable(),
});
/** `POST /v1/scans`: one result per scan, in the order sent. */
export const postScansResponse = z.strictObject({ results: z.array(scanResult) });
export type PostScansResponse = z.infer<typeof postScansResponse>;

export const caseCategory = z.enum(['confirmed', 'suspected', 'fever-unexcluded', 'close-contact']);

export const postCaseBody = z.strictObject({
  caseId: id,
  personId,
  category: caseCategory,
  reportedAt: instant,
  quarantine: quarantineState,
});
export type PostCaseBody = z.infer<typeof postCaseBody>;

/** `POST /v1/cases`: the case as recorded, the day it counts on, and the person's colour and status after it. */
export const caseReported = postCaseBody.extend({ gridId: id, day, codeColor, status: quarantineState });
export type CaseReported = z.infer<typeof caseReported>;

export const caseParams = z.object({ caseId: id });
export const releaseCaseBody = z.strictObject({ releasedAt: instant });

/** `POST /v1/cases/{caseId}/release`: the release time kept (the first one, on a repeat) and the person after it. */
export const caseReleased = z.strictObject({ caseId: id, personId, releasedAt: instant, codeColor, status: quarantineState });
export type CaseReleased = z.infer<typeof caseReleased>;

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
