import type { CaseCategory } from './code-status.ts';
import type { QuarantineState } from '../residents/resident.ts';

/**
 * Releasing a confirmed case or a central quarantine takes a second person, a role above the grid
 * worker who asks (an admin): one grid worker alone cannot turn such a person green, nor end the
 * open case that keeps the grid from being certified.
 */
export function releaseNeedsApproval(c: { readonly category: CaseCategory; readonly quarantine: QuarantineState }): boolean {
  return c.category === 'confirmed' || c.quarantine === 'central';
}

/** Why a release time cannot end this case (before it was reported), or undefined. */
export function releaseTimeProblem(reportedAt: string, releasedAt: string): string | undefined {
  return Date.parse(releasedAt) < Date.parse(reportedAt) ? `before the case was reported (${reportedAt})` : undefined;
}
