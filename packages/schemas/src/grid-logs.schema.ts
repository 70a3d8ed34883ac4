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
