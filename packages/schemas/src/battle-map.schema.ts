import * as z from 'zod';
import { day, id } from './common.ts';

const count = z.int().min(0);
const name = z.string();

export const battleMapQuery = z.strictObject({ date: day });

/**
 * A grid's state on the battle map (挂图作战), the first that holds: `cases` a new or still open
 * four-category case; `unreported` no daily log that day; `free` epidemic-free; `pending` on its
 * way, `daysToGo` qualifying days short of certification (还差 N 天).
 */
export const tileStatus = z.enum(['cases', 'unreported', 'free', 'pending']);
export type TileStatus = z.infer<typeof tileStatus>;

export const battleMapTile = z.strictObject({
  id,
  name,
  streetId: id,
  communityId: id,
  status: tileStatus,
  /** Only when `pending`: the district's `epidemicFreeDays` minus the grid's zero streak, at least 1. */
  daysToGo: z.int().min(1).optional(),
  zeroStreakDays: count,
  /** Four-category persons registered that day. */
  newCases: count,
  /** Four-category cases of the grid open at the end of the day (those new that day included). */
  openCases: count,
  /** A daily log arrived for the day (late ones count here, as in the report's completeness). */
  reported: z.boolean(),
});
export type BattleMapTile = z.infer<typeof battleMapTile>;

/**
 * `GET /v1/reports/map`: every grid the caller may see, each with its state, and the streets and
 * communities they lie in (in registry order: the order the dashboard lays the tiles out in).
 */
export const battleMap = z.strictObject({
  district: z.strictObject({ id, name }),
  date: day,
  /** The district's policy: qualifying days in a row before a grid is epidemic-free. */
  epidemicFreeDays: z.int().min(1),
  /** Every grid shown was read from its closed-day snapshot (else some are live counts). */
  closed: z.boolean(),
  counts: z.strictObject({ cases: count, unreported: count, free: count, pending: count }),
  streets: z.array(z.strictObject({ id, name })),
  communities: z.array(z.strictObject({ id, name, streetId: id })),
  grids: z.array(battleMapTile),
});
export type BattleMap = z.infer<typeof battleMap>;
