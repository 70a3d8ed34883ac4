import type { CodeColor } from '../residents/resident.ts';

export type Direction = 'in' | 'out';
export type Verdict = 'allow' | 'deny';
export type Reason = 'ok' | 'invalid-code' | 'unknown-person' | 'code-red' | 'code-yellow' | 'fever' | 'quarantine' | 'pass-quota';

/** A scan as the scanner sent it (API.md, POST /v1/scans), already schema-checked. */
export interface ScanRequest {
  readonly scanId: string;
  readonly checkpointId: string;
  readonly code?: string | undefined;
  readonly idNumber?: string | undefined;
  readonly direction: Direction;
  readonly temperatureC: number;
  readonly scannedAt: string;
  readonly deviceId?: string | undefined;
}

export interface ScanAnswer {
  readonly scanId: string;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly person: { readonly personId: string; readonly nameMasked: string; readonly buildingId: string; readonly codeColor: CodeColor } | null;
  /**
   * Answered by the fallback while the province could not: its signed code checked offline and
   * the colour last seen. Absent on every other answer.
   */
  readonly provisional?: true;
}

/** One scan as the aggregator records and counts it: no personal data beyond the pseudonym. */
export interface ScanRecord {
  readonly scanId: string;
  readonly checkpointId: string;
  readonly gridId: string;
  /** District-local day of `at`: where the scan is counted. */
  readonly day: string;
  /** UTC ISO instant of the scan. */
  readonly at: string;
  readonly direction: Direction;
  readonly temperatureC: number;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly fever: boolean;
  readonly personId: string | null;
  /** Epoch seconds after which the record expires (retention). */
  readonly expiresAt: number;
  /** A provisional verdict (see `ScanAnswer`): counted apart, so the report shows how many the province did not vouch for. */
  readonly provisional?: true;
  /**
   * The verdict route answered it from its claim (a gate's retry): published again so a request
   * that failed after claiming still reaches the close, but never counted live a second time.
   */
  readonly repeat?: true;
}

/**
 * A scan in its person's history, written at verdict time. Its key is the scan's idempotency
 * record and, for a health code, the code's single use: slot `C#<code id>` for a code scan,
 * `S#<scanId>` for an ID-card scan.
 */
export interface PersonScan {
  readonly personId: string;
  readonly slot: string;
  readonly scanId: string;
  /** Fingerprint of the scan's body: the same scanId with another body is a conflict. */
  readonly hash: string;
  readonly at: string;
  readonly checkpointId: string;
  readonly direction: Direction;
  readonly temperatureC: number;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly expiresAt: number;
  /** The first answer was provisional: a repeat of the scan answers it so again. */
  readonly provisional?: true;
}
