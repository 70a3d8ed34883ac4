import { householdNeeds } from '@firstline/domain';
import type { HouseholdNeed } from '@firstline/domain';

/**
 * The values of a grid office's vulnerable-household register, as people type them into a
 * spreadsheet: need names in Chinese or English, weekdays as 一三五 or 1,3,5 or 周一、周三、周五,
 * times as 7:30, dates as Excel's 2026/3/5. Each parser answers the API's form or a message.
 */

export type Parsed<T> = { readonly value: T } | { readonly error: string };

/** The register's Chinese names (and the usual short forms) for each need the API knows. */
const chineseNeeds: Readonly<Record<string, HouseholdNeed>> = {
  独居老人: 'elderly-alone', 独居: 'elderly-alone', 空巢老人: 'elderly-alone',
  残疾: 'disabled', 残疾人: 'disabled',
  慢性病用药: 'chronic-medicine', 慢性病: 'chronic-medicine', 慢病用药: 'chronic-medicine',
  透析: 'dialysis', 血透: 'dialysis',
  孕产妇: 'pregnancy', 孕妇: 'pregnancy',
  婴幼儿: 'infant',
  低保: 'hardship', 特困: 'hardship', '低保/特困': 'hardship',
  精神障碍随访: 'mental-health', 精神障碍: 'mental-health',
};

/** What a cell says to clear a household's needs: an empty cell is more often a slip than a decision. */
const noNeeds = new Set(['无', 'none']);

const needSeparators = /[、，,;；\s]+/;

/** Several needs in one cell, separated by 、 ， , ; or spaces; 无 or none for no needs (which clears them). */
export function parseNeeds(cell: string): Parsed<HouseholdNeed[]> {
  const names = cell.split(needSeparators).filter(Boolean);
  if (names.length === 0) return { error: 'is empty; name the needs, or write 无 (none) to clear them' };
  if (names.length === 1 && noNeeds.has(names[0]!.toLowerCase())) return { value: [] };
  const needs: HouseholdNeed[] = [];
  for (const name of names) {
    const need = needNamed(name);
    if (!need) return { error: `unknown need ${JSON.stringify(name)} (the needs are ${householdNeeds.join(', ')}, or 独居老人, 残疾, 慢性病用药, 透析, 孕产妇, 婴幼儿, 低保/特困, 精神障碍随访)` };
    // Two names of one need (低保、特困) are one need to the API.
    if (!needs.includes(need)) needs.push(need);
  }
  return { value: needs };
}

function needNamed(name: string): HouseholdNeed | undefined {
  const english = householdNeeds.find((n) => n === name.toLowerCase());
  return english ?? chineseNeeds[name];
}

/** ISO weekday numbers (1 Monday … 7 Sunday) of each way a register names a day. */
const dayNames: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7,
  mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7,
  monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7,
};

/**
 * One digit (Excel reads "1,3,5" typed into a number cell as 135, which still means 1, 3 and 5),
 * one Chinese day character, or an English word; anything else is a separator or a mistake.
 */
const dayToken = /\d|[一二三四五六七日天]|[A-Za-z]+|[^\s、，,;；/]/g;

/**
 * Dialysis weekdays: "一三五", "1,3,5", "周一、周三、周五", "星期一 星期三", "Mon Wed Fri".
 * Answers ISO weekdays in the cell's order; a day out of 1–7, a word that is no day, or a day
 * named twice is an error (the register's row is wrong, not for the import to guess).
 */
export function parseWeekdays(cell: string): Parsed<number[]> {
  const text = cell.replace(/星期|礼拜|周/g, ' ');
  const days: number[] = [];
  for (const token of text.match(dayToken) ?? []) {
    const day = /^\d+$/.test(token) ? Number(token) : dayNames[token.toLowerCase()];
    if (day === undefined) return { error: `${JSON.stringify(token)} is not a weekday (write 一三五, 1,3,5 or 周一、周三、周五)` };
    if (day < 1 || day > 7) return { error: `weekday ${token} does not exist: weekdays are 1 (Monday) to 7 (Sunday)` };
    if (days.includes(day)) return { error: `weekday ${day} is named twice` };
    days.push(day);
  }
  if (days.length === 0) return { error: 'names no weekday (write 一三五, 1,3,5 or 周一、周三、周五)' };
  return { value: days };
}

/** A local time as HH:MM, from 7:30, 07:30, 07:30:00 (Excel's time cells) or 7：30 (a Chinese colon). */
export function parseTime(cell: string): Parsed<string> {
  const match = /^(\d{1,2})[:：](\d{2})(?:[:：]00)?$/.exec(cell.trim());
  const hours = match ? Number(match[1]) : Number.NaN;
  const minutes = match ? Number(match[2]) : Number.NaN;
  if (!(hours <= 23 && minutes <= 59)) return { error: `${JSON.stringify(cell)} is not a time of day as HH:MM` };
  return { value: `${String(hours).padStart(2, '0')}:${match![2]}` };
}

/** A calendar day as YYYY-MM-DD, from 2026-03-05, 2026/3/5 (how Chinese Excel saves a date) or 2026年3月5日. */
export function parseDay(cell: string): Parsed<string> {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell.trim());
  const day = match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : '';
  const date = new Date(`${day}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    return { error: `${JSON.stringify(cell)} is not a date (write 2026-03-05 or 2026/3/5)` };
  }
  return { value: day };
}
