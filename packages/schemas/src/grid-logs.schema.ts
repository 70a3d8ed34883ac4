import * as z from 'zod';
import { day, id } from './common.ts';

const count = z.int().min(0).max(1_000_000);

export const postGridLogBody = z.strictObject({
  logId: id,
  gridId: id,
  date: day,
  householdsVisited: count,
  residentsScreened: count,
  disinfectionRounds: z.int().min(0).max(100),
  masksDistributed: count,
  keyPersonsFound: count,
  note: z.string().max(1_000).optional(),
});
export type PostGridLogBody = z.infer<typeof postGridLogBody>;

/** `POST /v1/grid-logs`: the log as recorded (the same body again is a repeat, not a second log). */
export const gridLogRecorded = postGridLogBody;
export type GridLogRecorded = z.infer<typeof gridLogRecorded>;
