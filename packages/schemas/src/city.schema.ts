import * as z from 'zod';
import { day, dayRange, id, instant } from './common.ts';
import { careCounts, careFigures } from './care-report.schema.ts';
import { countsBy, exactFigures, reportFigures } from './reports.schema.ts';

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
  figures: exactFigures,
  deliveryMinutes: countsBy(/^minutes\.\d{1,6}$/),
  care: careCounts,
});

const cityRow = reportFigures.extend({ level: z.literal('district'), id, name: z.string(), date: day, final: z.boolean(), care: careFigures });

/** `GET /v1/city/reports/daily` (JSON): the city's sums and one row per district that sent the day. */
export const cityReport = reportFigures.extend({
  level: z.literal('city'),
  id,
  name: z.string(),
  date: day,
  /** Every member district has closed the day and none has changed since. */
  final: z.boolean(),
  /** Member districts that have not sent this day yet. */
  missingDistricts: z.array(id),
  /** Urgent requests and care visits of the day, summed over the districts that sent it. */
  care: careFigures,
  children: z.array(cityRow),
});
export type CityDayReport = z.infer<typeof cityReport>;

export const cityReportQuery = z.strictObject({ date: day });

export const citySeriesQuery = dayRange(z.strictObject({ from: day, to: day }));

/** `GET /v1/city/reports/series`: the city's day, oldest first, without district rows. */
export const citySeries = z.strictObject({ days: z.array(cityReport.omit({ children: true })) });
export type CityReportSeries = z.infer<typeof citySeries>;
