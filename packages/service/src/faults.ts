/**
 * Failure injection for the fault suites, switched on only by configuration:
 * `FIRSTLINE_FAULTS='{"scan-aggregator.before-count":{"times":1},"dynamodb.write":{"rate":0.05}}'`.
 * Without that variable every check is a no-op, so production paths never fail on purpose.
 *
 * A rule fails the first `times` calls, or each call with probability `rate`, or (neither given)
 * every call. With `match`, only calls whose subject contains that text count at all, so a suite
 * can poison chosen messages (`{"scan-aggregator.scan":{"match":"poison-"}}`).
 * Each injected fault writes one `[fault] injected at <point>` line to stderr, so runs can count them.
 */
type Rule = { times?: number; rate?: number; match?: string };

let rules: Record<string, Rule> | undefined;

function load(): Record<string, Rule> {
  rules ??= process.env['FIRSTLINE_FAULTS'] ? (JSON.parse(process.env['FIRSTLINE_FAULTS']) as Record<string, Rule>) : {};
  return rules;
}

/** Forgets the parsed configuration, so the next check reads FIRSTLINE_FAULTS again (tests). */
export function resetFaults(): void {
  rules = undefined;
}

/** Whether the configuration names `point` at all: lets callers install hooks only when needed. */
export function faultConfigured(point: string): boolean {
  return load()[point] !== undefined;
}

export class InjectedFault extends Error {
  constructor(point: string) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

/**
 * Whether a fault is due at `point` now (consuming one of `times`), without throwing: for callers
 * that fail in their own way, such as a throttled SDK call.
 */
export function shouldFault(point: string, subject?: string): boolean {
  const rule = load()[point];
  if (!rule) return false;
  if (rule.match !== undefined && !(subject ?? '').includes(rule.match)) return false;
  let due: boolean;
  if (rule.times !== undefined) {
    due = rule.times > 0;
    if (due) rule.times--;
  } else if (rule.rate !== undefined) due = Math.random() < rule.rate;
  else due = true;
  if (due) process.stderr.write(`[fault] injected at ${point}\n`);
  return due;
}

/** Throws at `point` when the configuration says so: the first `times` calls, or at `rate`. */
export function faultPoint(point: string, subject?: string): void {
  if (shouldFault(point, subject)) throw new InjectedFault(point);
}
