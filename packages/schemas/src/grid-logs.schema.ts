import * as z from 'zod';
import { id, instant } from './common.ts';
import { clientDay } from './scans.schema.ts';

/** The validation rules a grid log may break (the domain's `logFlagKinds`; a test keeps the two equal). */
export const logFlags = ['screened-over-registered', 'visited-over-households', 'disinfection-unusual'] as const;

const count = z.int().min(0).max(1_000_000);

export const postGridLogBody = z.strictObject({
  logId: id,
  gridId: id,
  date: clientDay,
  householdsVisited: count,
  residentsScreened: count,
  disinfectionRounds: z.int().min(0).max(100),
  masksDistributed: count,
  keyPersonsFound: count,
  note: z.string().max(1_000).optional(),
});
export type PostGridLogBody = z.infer<typeof postGridLogBody>;

/** An admin's decision to count a late log for certification: who, when, why. */
export const logApproval = z.strictObject({ by: z.string().max(256), at: instant, reason: z.string() });

/**
 * `POST /v1/grid-logs`: the log as recorded (the same body again is a repeat, not a second log);
 * `late` when it arrived after its day's reporting deadline, in which case it counts for the
 * grid's completeness but for certification only with an admin's `approval`.
 */
export const gridLogRecorded = postGridLogBody.extend({
  late: z.boolean(),
  countsForCertification: z.boolean(),
  /** The validation rules the log breaks: kept and counted, to be checked by the command center. */
  flags: z.array(z.enum(logFlags)),
  approval: logApproval.optional(),
});
export type GridLogRecorded = z.infer<typeof gridLogRecorded>;

export const gridLogParams = z.object({ logId: id });
/** `POST /v1/admin/grid-logs/{logId}/approve`: why the late log should count; `gridId` names its grid when two grids chose the same log id. */
export const approveGridLogBody = z.strictObject({ reason: z.string().trim().min(3).max(500), gridId: id.optional() });

/** `POST /v1/admin/grid-logs/approve`: up to 100 late logs kept at once, with one reason. */
export const approveGridLogsBody = z.strictObject({
  logIds: z.array(id).min(1).max(100).refine((ids) => new Set(ids).size === ids.length, 'each log once'),
  reason: approveGridLogBody.shape.reason,
});
export const gridLogsApproved = z.strictObject({ logs: z.array(gridLogRecorded) });

/** `POST /v1/admin/grid-logs/reopen`: a grid's locked day, and why it takes logs again for a day. */
export const reopenGridDayBody = z.strictObject({ gridId: id, date: clientDay, reason: approveGridLogBody.shape.reason });
/** The reopening as kept: who, when, why, and until when the grid's logs for the day are taken. */
export const gridDayReopened = z.strictObject({ gridId: id, date: clientDay, by: z.string().max(256), at: instant, reason: z.string(), until: instant });
