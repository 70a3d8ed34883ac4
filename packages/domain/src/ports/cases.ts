import type { CreateOutcome } from './storage.ts';

/** A four-category case; `day` is the district day of `reportedAt`, where it counts as new. */
export interface CaseRecord {
  readonly caseId: string;
  readonly personId: string;
  readonly gridId: string;
  readonly category: 'confirmed' | 'suspected' | 'fever-unexcluded' | 'close-contact';
  readonly quarantine: 'none' | 'home' | 'central';
  readonly reportedAt: string;
  readonly day: string;
  readonly hash: string;
  readonly releasedAt?: string;
}

export interface CasePort {
  create(record: CaseRecord): Promise<CreateOutcome>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** Marks the case released unless it already was; returns the stored release time. */
  release(caseId: string, releasedAt: string): Promise<string>;
  /** New cases of a grid on a day (the report's four categories). */
  newOn(gridId: string, day: string): Promise<CaseRecord[]>;
}
