import type { CreateOutcome } from './storage.ts';

/** A release a grid worker asked for that waits for a second person (a confirmed or central-quarantine case). */
export interface PendingRelease {
  readonly releasedAt: string;
  /** Subject of whoever asked for the release. */
  readonly by: string;
  /** Server time the release was asked for. */
  readonly requestedAt: string;
}

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
  /** Subject of whoever reported the case (DESIGN.md: who reported and who released it are kept). */
  readonly reportedBy?: string | undefined;
  readonly releasedAt?: string;
  /** District day of `releasedAt`: the first day the case is no longer open. */
  readonly releasedDay?: string | undefined;
  /** Subject of whoever released it (who asked, when a second person approved). */
  readonly releasedBy?: string | undefined;
  /** Subject of the admin who approved the release, and when. */
  readonly releaseApprovedBy?: string | undefined;
  readonly releaseApprovedAt?: string | undefined;
  /** A release that waits for an admin's approval; the case stays open until then. */
  readonly pendingRelease?: PendingRelease | undefined;
}

/** A release as stored: when, who asked and, where a second person was needed, who approved and when. */
export interface Release {
  readonly releasedAt: string;
  readonly releasedDay: string;
  readonly releasedBy: string;
  readonly approvedBy?: string | undefined;
  readonly approvedAt?: string | undefined;
}

/** A case is known by its id within its grid: ids are chosen by clients, and two grids may pick the same one. */
export type CaseRef = Pick<CaseRecord, 'caseId' | 'gridId'>;

export interface CasePort {
  create(record: CaseRecord): Promise<CreateOutcome>;
  /** Every case under the id, one per grid that used it: normally one. */
  withId(caseId: string): Promise<CaseRecord[]>;
  /** Marks the case released unless it already was; returns the stored case. */
  release(ref: CaseRef, release: Release): Promise<CaseRecord>;
  /** Keeps a release that waits for approval unless one waits already or the case is released; returns the stored case. */
  requestRelease(ref: CaseRef, pending: PendingRelease): Promise<CaseRecord>;
  /** New cases of a grid on a day (the report's four categories). */
  newOn(gridId: string, day: string): Promise<CaseRecord[]>;
  /**
   * Every case of a grid reported on or before `throughDay`, released or not: whether the grid has
   * an open case on a day is read from them.
   */
  ofGrid(gridId: string, throughDay: string): Promise<CaseRecord[]>;
}
