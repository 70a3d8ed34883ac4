import type { CaseRecord } from '@firstline/domain';
import type { CaseEvent, CaseEventQueue } from '@firstline/domain/health-codes/index';
import { caseEventId } from '@firstline/domain/health-codes/index';

type CaseFields = Pick<CaseRecord, 'caseId' | 'personId' | 'category' | 'quarantine' | 'reportedAt'>;

/** The registration of a case, as the province is told of it. */
export function caseRegistered(district: string, c: CaseFields): CaseEvent {
  return {
    eventId: caseEventId(district, c.caseId, 'registered'), kind: 'registered',
    caseId: c.caseId, personId: c.personId, category: c.category, quarantine: c.quarantine, at: c.reportedAt,
  };
}

/** The release of a case (the time it was released, not when the request came). */
export function caseReleased(district: string, c: CaseFields, releasedAt: string): CaseEvent {
  return {
    eventId: caseEventId(district, c.caseId, 'released'), kind: 'released',
    caseId: c.caseId, personId: c.personId, category: c.category, quarantine: c.quarantine, at: releasedAt,
  };
}

/**
 * Queues case events for the province. Called on every request, repeats included: a request that
 * stopped after storing the case but before queueing is completed by the client's retry, and the
 * event id keeps the province's count exact. Without a queue (no province) it does nothing.
 */
export async function announceCaseEvents(queue: CaseEventQueue | undefined, events: readonly CaseEvent[]): Promise<void> {
  if (queue && events.length > 0) await queue.announce(events);
}
