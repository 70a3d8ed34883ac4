import type { CodeColor } from '@firstline/domain';
import type { CaseEvent, ProvinceReportLedger, ProvincialPeoplePort, ProvincialService } from '@firstline/domain/health-codes/index';
import { provincialReport } from '@firstline/domain/health-codes/index';

export interface UpwardPorts {
  readonly district: string;
  readonly service: Pick<ProvincialService, 'reportCase'>;
  readonly people: Pick<ProvincialPeoplePort, 'digestOf' | 'rememberColor'>;
  readonly ledger: ProvinceReportLedger;
}

/**
 * The person of a case has no provincial identity here (registered before the district was linked
 * to the province): retrying cannot help until the resident is registered again, so the message
 * goes to the dead-letter queue, from where it is redriven once the link exists.
 */
export class ProvincialIdentityMissingError extends Error {
  constructor(personId: string) {
    super(`person ${personId} has no provincial identity link; register the resident again, then redrive`);
    this.name = 'ProvincialIdentityMissingError';
  }
}

export type UpwardOutcome =
  | { readonly outcome: 'reported' | 'duplicate'; readonly color: CodeColor }
  | { readonly outcome: 'already-reported'; readonly color: CodeColor };

/**
 * Reports a case event to the province once per event id: an event already in the ledger is not
 * sent again; one that reached the province before a crash (the ledger not yet written) is sent
 * again and the province, which keeps one report per event id, answers it as a duplicate. Either
 * way the province's colour after it is kept as the colour last seen, for the gate's fallback.
 * `ProvinceUnavailableError` is thrown as is: the message comes back after its backoff.
 */
export async function reportCaseUpward(ports: UpwardPorts, event: CaseEvent, now = new Date()): Promise<UpwardOutcome> {
  const done = await ports.ledger.reported(event.eventId);
  if (done) return { outcome: 'already-reported', color: done.color };
  const idDigest = await ports.people.digestOf(event.personId);
  if (!idDigest) throw new ProvincialIdentityMissingError(event.personId);
  const { duplicate, color } = await ports.service.reportCase(provincialReport(ports.district, event, idDigest));
  await ports.people.rememberColor(idDigest, color, now);
  await ports.ledger.record(event.eventId, { at: now.toISOString(), color });
  return { outcome: duplicate ? 'duplicate' : 'reported', color };
}

/**
 * How long a report that failed waits before it comes back (the message's visibility), doubling
 * with each receive from 10 s up to 5 minutes: a province down for a while is not hammered by
 * every district, and a short blip costs seconds. The queue's receive count ends it in the DLQ.
 */
export function reportBackoffSeconds(receiveCount: number, baseSeconds = 10): number {
  const n = Math.max(1, Math.floor(receiveCount));
  return Math.min(300, baseSeconds * 2 ** (n - 1));
}
