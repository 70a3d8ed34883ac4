import type { DenyReason, Direction, Reason, Verdict } from './verdict.ts';

/** One scan as recorded and counted: where and when it happened and what the gate said. */
export interface RecordedScan {
  readonly scanId: string;
  readonly checkpointId: string;
  readonly gridId: string;
  /** District day of `scannedAt`: the day the scan is counted on, however late it arrived. */
  readonly day: string;
  readonly direction: Direction;
  readonly verdict: Verdict;
  readonly reason: Reason;
  readonly fever: boolean;
}

/** Counts of one checkpoint within a grid-day. */
export interface CheckpointScanCounts {
  in: number;
  out: number;
  denied: number;
  fever: number;
}

/** Counts of a set of scans (API.md, Reports: `scans`), plus per-checkpoint sub-counts. */
export interface ScanCounts {
  in: number;
  out: number;
  denied: number;
  /** Denied scans by reason; a reason that never occurred is absent, not 0. */
  denyReasons: Partial<Record<DenyReason, number>>;
  fever: number;
  /** Sub-counts keyed by checkpoint id; a null-prototype object so any id is a safe key. */
  checkpoints: Record<string, CheckpointScanCounts>;
}

/** The counter delta (or exact count) of one grid on one day. */
export interface GridDayScanCounts {
  readonly gridId: string;
  readonly day: string;
  readonly counts: ScanCounts;
}

function emptyCheckpointCounts(): CheckpointScanCounts {
  return { in: 0, out: 0, denied: 0, fever: 0 };
}

/** Zero counts, the identity of {@link addScanCounts}. */
export function emptyScanCounts(): ScanCounts {
  return { in: 0, out: 0, denied: 0, denyReasons: {}, fever: 0, checkpoints: Object.create(null) };
}

function checkpointOf(counts: ScanCounts, checkpointId: string): CheckpointScanCounts {
  let cp = counts.checkpoints[checkpointId];
  if (!cp) counts.checkpoints[checkpointId] = cp = emptyCheckpointCounts();
  return cp;
}

// Mutates `counts` in place: the fold below owns the object, which keeps a large recount cheap.
function countScan(counts: ScanCounts, scan: RecordedScan): void {
  const cp = checkpointOf(counts, scan.checkpointId);
  counts[scan.direction]++;
  cp[scan.direction]++;
  if (scan.verdict === 'deny') {
    counts.denied++;
    cp.denied++;
    // A deny always names a deny reason; an inconsistent `ok` is still counted as denied above.
    if (scan.reason !== 'ok') counts.denyReasons[scan.reason] = (counts.denyReasons[scan.reason] ?? 0) + 1;
  }
  if (scan.fever) {
    counts.fever++;
    cp.fever++;
  }
}

/** The sum of two counts, as a new object; neither input is changed. */
export function addScanCounts(a: ScanCounts, b: ScanCounts): ScanCounts {
  const sum = emptyScanCounts();
  for (const part of [a, b]) {
    sum.in += part.in;
    sum.out += part.out;
    sum.denied += part.denied;
    sum.fever += part.fever;
    for (const [reason, n] of Object.entries(part.denyReasons) as [DenyReason, number][]) {
      sum.denyReasons[reason] = (sum.denyReasons[reason] ?? 0) + n;
    }
    for (const [checkpointId, c] of Object.entries(part.checkpoints)) {
      const cp = checkpointOf(sum, checkpointId);
      cp.in += c.in;
      cp.out += c.out;
      cp.denied += c.denied;
      cp.fever += c.fever;
    }
  }
  return sum;
}

/**
 * Folds scans into one entry per (gridId, day), sorted by grid then day. A scan id seen twice is
 * counted once (the first occurrence), because a redelivered message can repeat a scan within a
 * batch and a scan must never be counted twice.
 */
function countByGridDay(scans: readonly RecordedScan[]): GridDayScanCounts[] {
  const byKey = new Map<string, GridDayScanCounts>();
  const seen = new Set<string>();
  for (const scan of scans) {
    if (seen.has(scan.scanId)) continue;
    seen.add(scan.scanId);
    // JSON keeps the key unambiguous whatever characters the ids contain.
    const key = JSON.stringify([scan.gridId, scan.day]);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { gridId: scan.gridId, day: scan.day, counts: emptyScanCounts() }));
    countScan(entry.counts, scan);
  }
  return [...byKey.values()].sort((a, b) => compare(a.gridId, b.gridId) || compare(a.day, b.day));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Aggregates a batch of recorded scans in memory into counter deltas, one per (gridId, day), so the
 * writes a batch costs grow with its distinct grid-days, not with its scans.
 */
export function aggregateScanCounts(scans: readonly RecordedScan[]): GridDayScanCounts[] {
  return countByGridDay(scans);
}

/**
 * The exact counts of stored scan records, for the recount at day close. It is the same fold as
 * {@link aggregateScanCounts} on purpose: a recount that counted differently from the live
 * counters would "correct" them into disagreement.
 */
export function countsFromRecords(records: readonly RecordedScan[]): GridDayScanCounts[] {
  return countByGridDay(records);
}
