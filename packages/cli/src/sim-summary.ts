/** What a simulation did, as `--json` prints it and the text summary reads it. */
export interface SimSummary {
  readonly url: string;
  readonly district: string;
  readonly seconds: number;
  readonly gates: number;
  readonly offlineGates: number;
  readonly requestedRate: number;
  readonly scans: {
    /** Distinct scan ids the stack acknowledged: each must be counted exactly once in its day's report. */
    readonly posted: number;
    readonly attempted: number;
    readonly uploads: number;
    readonly offlineBatches: number;
    readonly duplicateUploads: number;
    readonly duplicateScans: number;
    /** Repeats whose answer differed from the first: the API promises the same answer. */
    readonly duplicateMismatches: number;
    /** Acknowledged scans by their day in the district's time zone, the day a report counts them on. */
    readonly byDay: Readonly<Record<string, number>>;
    readonly verdicts: Readonly<Record<string, number>>;
  };
  readonly deliveries: { readonly requested: number; readonly accepted: number };
  readonly gridLogs: { readonly sent: number; readonly accepted: number };
  readonly http: {
    readonly requests: number;
    readonly serverErrors: number;
    readonly noAnswer: number;
    readonly errors: Readonly<Record<string, { count: number; first: string }>>;
  };
  readonly achievedRate: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const list = (entries: Record<string, number>) => Object.entries(entries).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

export function formatSummary(s: SimSummary, setup: boolean): string {
  const errors = Object.entries(s.http.errors);
  const hint = !setup && errors.some(([, e]) => /unknown (checkpoint|building|grid)/.test(e.first))
    ? ['                  the simulation\'s gates are not in this district\'s registry: run once with --setup']
    : [];
  const unsent = s.scans.attempted - s.scans.posted;
  return [
    `simulated ${s.seconds} s against ${s.url} (district ${s.district}): ${s.gates} gate${s.gates === 1 ? '' : 's'}, ${s.offlineGates} offline`,
    `scans posted:     ${s.scans.posted} unique, in ${plural(s.scans.uploads, 'upload', 'uploads')} (${plural(s.scans.offlineBatches, 'offline batch', 'offline batches')})${unsent > 0 ? `; ${unsent} not acknowledged` : ''}`,
    `duplicates sent:  ${plural(s.scans.duplicateUploads, 'upload', 'uploads')} (${plural(s.scans.duplicateScans, 'scan', 'scans')}) sent twice; ${s.scans.duplicateMismatches === 0 ? 'every repeat got the same answer' : `${s.scans.duplicateMismatches} repeats got a DIFFERENT answer`}`,
    `verdicts:         ${list(s.scans.verdicts)}`,
    `by day:           ${list(s.scans.byDay)}`,
    `deliveries:       ${s.deliveries.accepted} of ${s.deliveries.requested} accepted`,
    `grid logs:        ${s.gridLogs.accepted} of ${s.gridLogs.sent} accepted`,
    `HTTP errors:      ${errors.length === 0 ? 'none' : `${errors.reduce((n, [, e]) => n + e.count, 0)} of ${s.http.requests} requests (${s.http.serverErrors} 5xx, ${s.http.noAnswer} without answer)`}`,
    ...errors.map(([key, e]) => `                  ${key} ×${e.count}: ${e.first}`),
    ...hint,
    `achieved rate:    ${s.achievedRate} scans/s (asked for ${s.requestedRate}/s)`,
  ].join('\n');
}
