import type { FeverScan, FollowUp } from '../reporting/work-lists.ts';
import type { CaseRecord } from './cases.ts';

/** Whose items a work list reads: the whole district, or these grids. */
export type WorkListScope = 'district' | readonly string[];

/** A page of a work list; `next` is opaque (the store that gave it out checks it) and only there when more follow. */
export interface WorkListPage<T> {
  readonly items: readonly T[];
  readonly next?: string | undefined;
}

/** Fevers measured at the gates, kept until a grid worker follows each up. */
export interface FeverScanPort {
  /** Keeps a fever scan for follow-up unless it is kept already (a redelivered scan changes nothing). */
  keep(scan: FeverScan): Promise<void>;
  /** The scans not yet followed up, taken at or after `since`, oldest first, grid by grid within an instant. */
  waiting(scope: WorkListScope, since: string, limit: number, after?: string): Promise<WorkListPage<FeverScan>>;
  get(gridId: string, scanId: string): Promise<FeverScan | undefined>;
  /** Keeps the first follow-up (a second changes nothing); the scan as stored, or undefined when there is none. */
  followUp(gridId: string, scanId: string, followUp: FollowUp): Promise<FeverScan | undefined>;
}

/** Which open cases a listing reads: every one, or those in quarantine reported on or before a day per kind. */
export interface OpenCaseFilter {
  readonly quarantineReportedBy?: { readonly home: string; readonly central: string };
}

/** The district's open four-category cases, grid by grid, oldest report first within a grid. */
export interface OpenCasePort {
  openCases(scope: WorkListScope, limit: number, after?: string, filter?: OpenCaseFilter): Promise<WorkListPage<CaseRecord>>;
}
