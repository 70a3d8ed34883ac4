import { dayOf } from '../calendar.ts';
import type { OpenCase } from './code-color.ts';

/**
 * The district day on which a case counts as *new* for its person's grid (DESIGN.md): the day of
 * `reportedAt` in the district's time zone, not the day the report arrived.
 */
export function caseNewDay(c: Pick<OpenCase, 'reportedAt'>, timeZone: string): string {
  return dayOf(c.reportedAt, timeZone);
}

/** Why a release could not be applied. */
export type ReleaseError = 'not-found' | 'already-released';

/** The outcome of {@link releaseCase}: the person's cases after the release, or why not. */
export type ReleaseOutcome =
  | { readonly ok: true; readonly cases: readonly OpenCase[]; readonly released: OpenCase }
  | { readonly ok: false; readonly error: 'not-found' }
  /** `releasedAt` is the earlier release, so a caller can tell an exact repeat from a conflict. */
  | { readonly ok: false; readonly error: 'already-released'; readonly releasedAt: string };

/**
 * Releases one of a person's cases: returns the cases with that one marked `releasedAt` (so it no
 * longer holds the code, see `deriveCodeStatus`), leaving the input untouched. The released case
 * stays in the list, marked, so that a second release is recognised as `already-released` rather
 * than `not-found`. An unknown id or a second release is an error value, never a throw.
 */
export function releaseCase(openCases: readonly OpenCase[], caseId: string, releasedAt: string): ReleaseOutcome {
  const index = openCases.findIndex((c) => c.caseId === caseId);
  const found = openCases[index];
  if (!found) return { ok: false, error: 'not-found' };
  if (found.releasedAt !== undefined) return { ok: false, error: 'already-released', releasedAt: found.releasedAt };
  const released: OpenCase = { ...found, releasedAt };
  return { ok: true, cases: openCases.map((c, i) => (i === index ? released : c)), released };
}
