import { addDays, dayOf } from '../calendar.ts';
import type { Policy } from '../policy.ts';
import type { CaseRecord } from '../ports/cases.ts';
import { logDeadline } from '../time/reporting-deadline.ts';
import type { CsvLanguage } from './report-csv.ts';
import { csvCell, utf8Bom } from './report-csv.ts';

/**
 * Work lists (issue 15, §3): who has to act, not only how many. The rules here are pure; the use
 * cases in packages/app read the stores and call them.
 */

/** How far back a fever at the gate waits for a grid worker's follow-up on the list. */
export const feverFollowUpHours = 48;

/** How far ahead the list of quarantines ending looks. */
export const quarantineEndingHours = 48;

/** What a grid worker found when following up a fever at the gate: nothing more to do, or a case. */
export type FollowUpOutcome = 'followed-up' | 'case';

export interface FollowUp {
  readonly outcome: FollowUpOutcome;
  /** Subject of whoever followed it up. */
  readonly by: string;
  /** Server time of the follow-up. */
  readonly at: string;
}

/**
 * A gate scan that measured a fever, kept for its grid's follow-up (the scan record itself holds
 * only the pseudonym; the name is read from the resident, masked, when the list is shown).
 */
export interface FeverScan {
  readonly scanId: string;
  readonly gridId: string;
  readonly checkpointId: string;
  /** UTC instant of the scan. */
  readonly at: string;
  readonly temperatureC: number;
  readonly personId: string | null;
  /** Epoch seconds: expires with the scan records (the retention window). */
  readonly expiresAt: number;
  readonly followUp?: FollowUp | undefined;
}

/** The earliest scan time the fever list still shows at `now`. */
export function feverListSince(now: Date): string {
  return new Date(now.getTime() - feverFollowUpHours * 3_600_000).toISOString();
}

/** Whole calendar days from the report day `day` to `today` (0 on the day itself). */
export function daysSinceReported(day: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}

/**
 * When a case's quarantine ends: its `reportedAt` plus the policy's days for its kind (nothing the
 * API takes says when it ends); undefined for a case without quarantine.
 */
export function quarantineEnd(c: Pick<CaseRecord, 'quarantine' | 'reportedAt'>, policy: Pick<Policy, 'quarantineDays'>): string | undefined {
  if (c.quarantine === 'none') return undefined;
  return new Date(Date.parse(c.reportedAt) + policy.quarantineDays[c.quarantine] * 86_400_000).toISOString();
}

/**
 * The last report day, per kind, of a quarantine that may end before `now` + 48 h (the day of that
 * instant less the kind's days, in the district's zone): what a store filters open cases on, so the
 * list is read in one pass; `quarantineEndingSoon` then decides each exactly. A quarantine whose end
 * has passed while its case is still open stays on the list: someone still has to release it.
 */
export function quarantineReportDays(now: Date, policy: Pick<Policy, 'quarantineDays'>, timeZone: string): { readonly home: string; readonly central: string } {
  const horizon = dayOf(new Date(now.getTime() + quarantineEndingHours * 3_600_000), timeZone);
  return { home: addDays(horizon, -policy.quarantineDays.home), central: addDays(horizon, -policy.quarantineDays.central) };
}

/** Whether a quarantine ending at `end` belongs on the list at `now` (ends within 48 h, or has ended). */
export function quarantineEndingSoon(end: string, now: Date): boolean {
  return Date.parse(end) < now.getTime() + quarantineEndingHours * 3_600_000;
}

/**
 * Whether grids that have not reported `today` are late yet: only once the district's reporting
 * deadline of that day has passed (before it, a grid that has not reported is not late).
 */
export function reportingDeadlinePassed(today: string, now: Date, policy: Pick<Policy, 'reportingDeadline'>, timeZone: string): boolean {
  return now.getTime() > logDeadline(today, policy, timeZone).getTime();
}

/** A work-list column: its English name (the field, stable for scripts), its Chinese header, its value. */
export type WorkListColumn<T> = readonly [string, string, (item: T) => string | number | boolean | null | undefined];

/**
 * A work list as CSV, as the reports' CSV is written: a UTF-8 BOM (Excel and WPS read Chinese
 * right), a header in Chinese unless `lang` is `en`, one row per item, formula-like text defused.
 */
export function workListCsv<T>(columns: readonly WorkListColumn<T>[], items: readonly T[], lang: CsvLanguage = 'zh-CN'): string {
  const header = columns.map(([name, chinese]) => csvCell(lang === 'en' ? name : chinese)).join(',');
  return utf8Bom + [header, ...items.map((item) => columns.map(([, , pick]) => csvCell(pick(item))).join(','))].join('\r\n') + '\r\n';
}

/** Chinese names of the four categories and the quarantine kinds, as a grid office's sheets write them. */
export const categoryNames: Readonly<Record<CaseRecord['category'], string>> = {
  confirmed: '确诊', suspected: '疑似', 'fever-unexcluded': '发热待排查', 'close-contact': '密切接触者',
};
export const quarantineNames: Readonly<Record<CaseRecord['quarantine'], string>> = { none: '未隔离', home: '居家隔离', central: '集中隔离' };
