import * as z from 'zod';
import { day, id, instant } from './common.ts';

const count = z.int().min(0);
/** Counts keyed by a short name (a deny reason, a minutes bucket): never free text, never an id of a person. */
const countsBy = (key: RegExp) => z.record(z.string().regex(key), count);

/** The figures of a daily report (API.md, Reports), at any level from grid to city. */
export const reportFigures = z.strictObject({
  scans: z.strictObject({ in: count, out: count, denied: count, denyReasons: countsBy(/^[a-z][a-z-]{0,31}$/), fever: count }),
  cases: z.strictObject({ confirmed: count, suspected: count, feverUnexcluded: count, closeContact: count }),
  screening: z.strictObject({ householdsVisited: count, residentsScreened: count, keyPersonsFound: count }),
  hygiene: z.strictObject({ disinfectionRounds: count, masksDistributed: count }),
  deliveries: z.strictObject({ requested: count, delivered: count, failed: count, open: count, medianMinutesToDeliver: z.number().min(0).nullable() }),
  reporting: z.strictObject({ grids: count, reported: count }),
  epidemicFree: z.strictObject({ grids: count, free: count, percent: z.number().min(0).max(100) }),
});

/**
 * The one message a district sends its city per closed day. Strict at every level: a field the
 * city does not know (a person id, a name) is refused, so personal data cannot ride along.
 */
export const districtDayMessage = z.strictObject({
  districtId: id,
  districtName: z.string().min(1).max(200),
  date: day,
  closedAt: instant,
  final: z.boolean(),
  figures: reportFigures,
  deliveryMinutes: countsBy(/^minutes\.\d{1,6}$/),
});

const cityRow = reportFigures.extend({ level: z.literal('district'), id, name: z.string(), date: day, final: z.boolean() });

export const cityReport = reportFigures.extend({
  level: z.literal('city'),
  id,
  name: z.string(),
  date: day,
  final: z.boolean(),
  missingDistricts: z.array(id),
  children: z.array(cityRow),
});

export const cityReportQuery = z.strictObject({ date: day });

export const citySeriesQuery = z.strictObject({ from: day, to: day })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < 92, { message: 'at most 92 days', path: ['to'] });

export const citySeries = z.object({ days: z.array(cityReport.omit({ children: true })) });
