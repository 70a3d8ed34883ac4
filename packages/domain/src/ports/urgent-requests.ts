import type { CreateOutcome } from './storage.ts';
import type { UrgentRequest } from '../care/urgent-requests.ts';

/** Urgent requests, kept apart per grid under their client-chosen id, listed per grid while not arranged. */
export interface UrgentRequestPort {
  create(request: UrgentRequest, hash: string): Promise<CreateOutcome>;
  /** Every request under the id, one per grid that used it: normally one. */
  withId(requestId: string): Promise<UrgentRequest[]>;
  /** Saves a step unless it was taken already (the first stays); the request as stored. */
  save(request: UrgentRequest): Promise<UrgentRequest>;
  /** Every request of the district not yet arranged, oldest first. */
  openInDistrict(): Promise<UrgentRequest[]>;
  /** Raises a request's escalation to `to` once; false when it was arranged or already raised that far. */
  escalate(request: Pick<UrgentRequest, 'requestId' | 'gridId'>, to: 'community' | 'street', at: string): Promise<boolean>;
  /** A grid's requests not yet arranged, oldest first. */
  openInGrid(gridId: string): Promise<UrgentRequest[]>;
}
