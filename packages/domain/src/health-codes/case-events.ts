import type { CaseCategory } from '../intake/code-status.ts';
import type { QuarantineState } from '../residents/resident.ts';
import type { ProvincialCaseReport } from './health-code-provider.ts';

/** A registration or a release of a four-category case, on its way up to the province. */
export interface CaseEvent {
  readonly eventId: string;
  readonly kind: 'registered' | 'released';
  readonly caseId: string;
  readonly personId: string;
  readonly category: CaseCategory;
  readonly quarantine: QuarantineState;
  /** ISO instant the case was reported, or released. */
  readonly at: string;
}

/**
 * One id per case and kind, the same however often a grid worker's request is retried: what makes
 * the upward report idempotent end to end (queue, consumer, province). The district is part of it
 * because the province takes reports from every district.
 */
export function caseEventId(district: string, caseId: string, kind: CaseEvent['kind']): string {
  return `${district}:${caseId}:${kind}`;
}

/** The report the province takes, for a case event of a person whose ID-number digest is known. */
export function provincialReport(district: string, event: CaseEvent, idDigest: string): ProvincialCaseReport {
  return {
    eventId: event.eventId, type: event.kind === 'registered' ? 'case-registered' : 'case-released', reporter: district,
    caseId: event.caseId, idDigest, category: event.category, quarantine: event.quarantine, at: event.at,
  };
}

/** Where case events wait to be reported upward (the `province-reports` queue). */
export interface CaseEventQueue {
  announce(events: readonly CaseEvent[]): Promise<void>;
}
