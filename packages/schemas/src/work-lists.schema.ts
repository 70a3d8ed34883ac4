import * as z from 'zod';
import { day, id, instant, personId } from './common.ts';
import { quarantineState } from './residents.schema.ts';
import { caseCategory } from './scans.schema.ts';

/**
 * The work lists (issue 15, §3): who has to act. Each is a page of the caller's items (the
 * district's for the command center, their own grids' for a grid worker, one grid's with `gridId`);
 * `cursor` is the `nextCursor` a previous page gave out. `Accept: text/csv` answers the same page
 * as CSV (Chinese headers; English with `lang=en` or an English `Accept-Language`).
 */
export const workListQuery = z.strictObject({
  gridId: id.optional(),
  limit: z.coerce.number<number>().int().min(1).max(200).default(50),
  cursor: z.string().max(2_000).regex(/^[A-Za-z0-9_-]*$/, 'not a cursor this API gave out').optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});

const nextCursor = z.string().min(1).optional();

/** A person as the resident view shows them: pseudonym, masked name, building; null when not registered. */
const listedPerson = z.strictObject({ personId, nameMasked: z.string(), buildingId: id }).nullable();

const followUp = z.strictObject({ outcome: z.enum(['followed-up', 'case']), by: z.string().max(256), at: instant });

export const feverScanItem = z.strictObject({
  scanId: id, gridId: id, gridName: z.string(), checkpointId: id, checkpointName: z.string(), at: instant, temperatureC: z.number(), person: listedPerson,
  /** Only on a follow-up's answer: what was found, who and when. */
  followUp: followUp.optional(),
});

/** `GET /v1/work-lists/fever-scans`: fevers at the gates of the last 48 h not yet followed up, oldest first. */
export const feverScanList = z.strictObject({ items: z.array(feverScanItem), nextCursor });

export const feverScanParams = z.object({ scanId: id });

/** `POST /v1/work-lists/fever-scans/{scanId}/follow-up`: the scan's grid, and what the follow-up found. */
export const feverFollowUpBody = z.strictObject({ gridId: id, outcome: z.enum(['followed-up', 'case']) });

const caseItem = {
  caseId: id, gridId: id, gridName: z.string(), category: caseCategory, quarantine: quarantineState, reportedAt: instant,
  /** The district day the case counts on. */
  day, person: listedPerson,
};

/** `GET /v1/work-lists/open-cases`: four-category persons not yet released, grid by grid, oldest report first. */
export const openCaseList = z.strictObject({
  date: day,
  items: z.array(z.strictObject({ ...caseItem, daysSinceReported: z.int().min(0) })),
  nextCursor,
});

/**
 * `GET /v1/work-lists/quarantines-ending`: home and central quarantines of open cases ending within
 * 48 h, or ended (`ended`) while the case is still open; `endsAt` is the policy's `quarantineDays`
 * after the report. A page may be short while `nextCursor` says more may follow.
 */
export const quarantineEndingList = z.strictObject({
  date: day,
  items: z.array(z.strictObject({ ...caseItem, endsAt: instant, ended: z.boolean() })),
  nextCursor,
});

/** `GET /v1/work-lists/unreported-grids`: grids with no log today once the deadline has passed (empty before it). */
export const unreportedGridList = z.strictObject({
  date: day,
  deadline: instant,
  deadlinePassed: z.boolean(),
  items: z.array(z.strictObject({ gridId: id, gridName: z.string(), communityId: id, communityName: z.string(), streetId: z.string() })),
  nextCursor,
});
