import type { CreateOutcome } from './storage.ts';
import type { UrgentRequest } from '../care/urgent-requests.ts';

/** Urgent requests, kept apart per grid under their client-chosen id, listed per grid while not arranged. */
export interface UrgentRequestPort {
  create(request: UrgentRequest, hash: string): Promise<CreateOutcome>;
  /** Every request under the id, one per grid that used it: normally one. */
  withId(requestId: string): Promise<UrgentRequest[]>;
  /** Saves a step unless it was taken already (the first stays); the request as stored, and whether this call took the step. */
  save(request: UrgentRequest): Promise<{ request: UrgentRequest; taken: boolean }>;
  /** Every request of the district not yet arranged, oldest first. */
  openInDistrict(): Promise<UrgentRequest[]>;
  /** Raises a request's escalation to `to` once; false when it was arranged or already raised that far. */
  escalate(request: Pick<UrgentRequest, 'requestId' | 'gridId'>, to: 'community' | 'street', at: string): Promise<boolean>;
  /** A grid's requests not yet arranged, oldest first. */
  openInGrid(gridId: string): Promise<UrgentRequest[]>;
}

/** A grid's care counters by day (`care-counters.ts`): added to as requests and visits happen, read by the care report. */
export interface CareCountPort {
  add(gridId: string, day: string, counts: Readonly<Record<string, number>>): Promise<void>;
  ofDay(gridIds: readonly string[], day: string): Promise<Map<string, Readonly<Record<string, number>>>>;
}
