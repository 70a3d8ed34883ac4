import * as z from 'zod';
import { day, id, instant, personId, reasons } from './common.ts';
import { codeColor, idNumber, quarantineState } from './residents.schema.ts';

/**
 * A time a client sends (a scan, a case, a release, a delivery event): ISO 8601 with its offset, in
 * UTC a year of four digits (0001–9999), so that no day key or queue message downstream meets a
 * year it cannot write (`+012020-…`, or `0000-01-01T00:00+08:00`, which is year −1 in UTC). How far
 * from the server's clock it may lie is the district's policy, checked by the use case (a 400 too).
 */
export const clientInstant = instant.refine((at) => {
  const year = new Date(at).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, 'the year must have four digits');

/** A calendar day a client names, year 0001–9999. */
export const clientDay = day.refine((d) => !d.startsWith('0000'), 'the year must have four digits');

export const scanInput = z.strictObject({
  scanId: id,
  checkpointId: id,
  code: z.string().min(16).max(2048).optional(),
  idNumber: idNumber.optional(),
  direction: z.enum(['in', 'out']),
  temperatureC: z.number().min(34).max(43),
  scannedAt: clientInstant,
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
  /**
   * Present (true) only when the gate answered by its fallback: the province could not answer, so
   * its signed code was checked offline and the colour is the one last seen. Counted apart in reports.
   */
  provisional: z.literal(true).optional(),
});
/** `POST /v1/scans`: one result per scan, in the order sent. */
export const postScansResponse = z.strictObject({ results: z.array(scanResult) });
export type PostScansResponse = z.infer<typeof postScansResponse>;

export const caseCategory = z.enum(['confirmed', 'suspected', 'fever-unexcluded', 'close-contact']);

export const postCaseBody = z.strictObject({
  caseId: id,
  personId,
  category: caseCategory,
  reportedAt: clientInstant,
  quarantine: quarantineState,
});
export type PostCaseBody = z.infer<typeof postCaseBody>;

/** Who acted, as the token's subject names them. */
const subject = z.string().max(256);

/**
 * `POST /v1/cases`: the case as recorded, the day it counts on, who reported it (the first
 * reporter, on a repeat), and the person's colour and status after it.
 */
export const caseReported = postCaseBody.extend({ gridId: id, day, reportedBy: subject, codeColor, status: quarantineState });
export type CaseReported = z.infer<typeof caseReported>;

export const caseParams = z.object({ caseId: id });
export const releaseCaseBody = z.strictObject({ releasedAt: clientInstant });

/**
 * `POST /v1/cases/{caseId}/release` and its approval: the release time kept (the first one, on a
 * repeat), who asked for it and, for a confirmed or central-quarantine case, whether an admin has
 * approved it yet (`pending-approval`: the case stays open and the colour unchanged until then).
 */
export const caseReleased = z.strictObject({
  caseId: id,
  personId,
  releasedAt: instant,
  release: z.enum(['released', 'pending-approval']),
  releasedBy: subject,
  approvedBy: subject.optional(),
  codeColor,
  status: quarantineState,
});
export type CaseReleased = z.infer<typeof caseReleased>;

/**
 * `POST /v1/admin/cases/{caseId}/approve-release`: an admin, not the one who reported or asked, with
 * an optional note; `gridId` names the case's grid when two grids chose the same case id.
 */
export const approveReleaseBody = z.strictObject({ reason: z.string().min(1).max(500).optional(), gridId: id.optional() });

/**
 * The `day-revisions` queue message: a grid's closed day that changed after its close, to be
 * closed again with every later streak of the grid.
 */
export const dayRevisionMessage = z.object({ v: z.literal(1), gridId: z.string().min(1), day: z.iso.date() });

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
    provisional: z.literal(true).optional(),
    repeat: z.literal(true).optional(),
  })).min(1),
});
