/**
 * The live view's times in the cloud: scans are folded into the live counters a one-minute bucket
 * at a time (at most ~2,000 grid-day writes a minute for a whole district, whatever the scan rate),
 * `settleSeconds` after the bucket ended; a batch begun but not yet counted holds its bucket back
 * for the aggregator's timeout at most; a scan seen in the window before does not count again.
 * The local stack folds quarter-second buckets (FIRSTLINE_LIVE_FOLD), so a test sees its scans at once.
 */
export const liveFold = {
  bucketSeconds: 60,
  settleSeconds: 3,
  /** The scan aggregator's timeout (`manifest.ts`). */
  graceSeconds: 30,
  windowSeconds: 300,
};
