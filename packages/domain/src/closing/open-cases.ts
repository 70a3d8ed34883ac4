/** What tells whether a case is open on a day: the day it counts on and the day it was released, if it was. */
export interface CaseSpan {
  /** District day of `reportedAt`. */
  readonly day: string;
  /** District day of `releasedAt`. */
  readonly releasedDay?: string | undefined;
  /** Read only for a case released before `releasedDay` was kept: its UTC date stands in. */
  readonly releasedAt?: string | undefined;
}

const releaseDay = (c: CaseSpan): string | undefined => c.releasedDay ?? c.releasedAt?.slice(0, 10);

/**
 * A case is open on `day` when it was reported on or before that day and not released by its end
 * (a release during the day closes it for that day). Pure.
 */
export function openOn(c: CaseSpan, day: string): boolean {
  const released = releaseDay(c);
  return c.day <= day && (released === undefined || released > day);
}

/** How many of a grid's cases are open on `day`: a grid with any is not epidemic-free (DESIGN.md). */
export function openCasesOn(cases: readonly CaseSpan[], day: string): number {
  return cases.filter((c) => openOn(c, day)).length;
}
