import type { Priority } from '../deliveries/delivery-types.ts';
import { addDays, dayOf } from '../calendar.ts';
import { localInstant } from '../time/local-time.ts';

/**
 * The needs a grid worker registers for a vulnerable household (issue 16; Shanghai's April 2022
 * order to list "血透、重大病以及居民紧急就医需求"): who cannot wait, and who needs looking after.
 */
export const householdNeeds = ['elderly-alone', 'disabled', 'chronic-medicine', 'dialysis', 'pregnancy', 'infant', 'hardship', 'mental-health'] as const;
export type HouseholdNeed = (typeof householdNeeds)[number];

/** A household's registered needs, kept by household id (no name, no person id): what dispatch and carers read. */
export interface HouseholdNeedsRecord {
  readonly householdId: string;
  readonly buildingId: string;
  readonly gridId: string;
  readonly needs: readonly HouseholdNeed[];
  /** A pregnancy's due date (a district day). */
  readonly dueDate?: string | undefined;
  /** Dialysis sessions, on these weekdays at this local time: each gets its urgent request ahead of time. */
  readonly dialysis?: DialysisSchedule | undefined;
  /** A chronic patient's medicine, delivered every so many days: each time a medical delivery of its own. */
  readonly medicine?: MedicineSchedule | undefined;
  readonly updatedBy: string;
  readonly updatedAt: string;
  /** The latest care visit or call (关爱帮扶): when, by whom, how, and what was found. */
  readonly lastVisit?: CareVisit | undefined;
}

/** A carer's visit or call to a vulnerable household. */
export interface CareVisit {
  readonly at: string;
  readonly by: string;
  readonly kind: 'visit' | 'call';
  readonly found: 'well' | 'needs-help' | 'not-reached';
  readonly note?: string | undefined;
}

/**
 * Whether a household is due a care visit: never visited or called, or not for `careVisitDays`,
 * or last found in need of help or not reached (someone must try again).
 */
export function careVisitDue(lastVisit: CareVisit | undefined, now: Date, careVisitDays: number): boolean {
  if (!lastVisit || lastVisit.found !== 'well') return true;
  return now.getTime() - Date.parse(lastVisit.at) >= careVisitDays * 86_400_000;
}

/** Needs whose deliveries are medical: treatment that cannot be missed. */
const medical: ReadonlySet<HouseholdNeed> = new Set(['dialysis', 'chronic-medicine', 'pregnancy']);
const rank: Readonly<Record<Priority, number>> = { medical: 0, hardship: 1, normal: 2 };

/** The priority a household's needs give its deliveries: medical, hardship for any other need, none without. */
export function needsPriority(needs: readonly HouseholdNeed[]): Priority | undefined {
  if (needs.some((need) => medical.has(need))) return 'medical';
  return needs.length > 0 ? 'hardship' : undefined;
}

/**
 * The priority a delivery goes with: the higher of what its order says and what its household's
 * needs give, so nobody has to type "hardship" into every order for a household that has it.
 */
export function deliveryPriority(ordered: Priority, needs: readonly HouseholdNeed[] | undefined): Priority {
  const fromNeeds = needs ? needsPriority(needs) : undefined;
  return fromNeeds !== undefined && rank[fromNeeds] < rank[ordered] ? fromNeeds : ordered;
}

/** A household's dialysis sessions: ISO weekdays (1 Monday … 7 Sunday) and the local time of day (`HH:MM`). */
export interface DialysisSchedule {
  readonly weekdays: readonly number[];
  readonly time: string;
}

/**
 * The sessions of a schedule from `from` (excluded) up to `until` (included), as instants: each
 * weekday's local time in `timeZone`. What the recurring requests are opened for, ahead of time.
 */
export function dialysisSessions(schedule: DialysisSchedule, from: Date, until: Date, timeZone: string): Date[] {
  const sessions: Date[] = [];
  for (let day = dayOf(from, timeZone); day <= dayOf(until, timeZone); day = addDays(day, 1)) {
    const at = localInstant(day, schedule.time, timeZone);
    if (at > from && at <= until && schedule.weekdays.includes(isoWeekday(day))) sessions.push(at);
  }
  return sessions;
}

/** ISO weekday of a district day (1 Monday … 7 Sunday). */
function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** A chronic patient's medicine: the item and quantity, every `everyDays` days from `since` (a district day). */
export interface MedicineSchedule {
  readonly item: string;
  readonly quantity: number;
  readonly everyDays: number;
  readonly since: string;
}

/** Whether a medicine schedule's delivery falls on `day`: `since` and every `everyDays` days after. */
export function medicineDue(schedule: Pick<MedicineSchedule, 'everyDays' | 'since'>, day: string): boolean {
  if (day < schedule.since) return false;
  const days = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${schedule.since}T00:00:00Z`)) / 86_400_000);
  return days % schedule.everyDays === 0;
}
