/**
 * Failure injection for the fault suites, switched on only by configuration:
 * `FIRSTLINE_FAULTS='{"scan-aggregator.before-count":{"times":1},"dynamodb.write":{"rate":0.05}}'`.
 * Without that variable every check is a no-op, so production paths never fail on purpose.
 */
type Rule = { times?: number; rate?: number };

let rules: Record<string, Rule> | undefined;

function load(): Record<string, Rule> {
  rules ??= process.env['FIRSTLINE_FAULTS'] ? (JSON.parse(process.env['FIRSTLINE_FAULTS']) as Record<string, Rule>) : {};
  return rules;
}

export class InjectedFault extends Error {
  constructor(point: string) {
    super(`injected fault at ${point}`);
    this.name = 'InjectedFault';
  }
}

/** Throws at `point` when the configuration says so: the first `times` calls, or at `rate`. */
export function faultPoint(point: string): void {
  const rule = load()[point];
  if (!rule) return;
  if (rule.times !== undefined) {
    if (rule.times <= 0) return;
    rule.times--;
    throw new InjectedFault(point);
  }
  if (rule.rate !== undefined && Math.random() < rule.rate) throw new InjectedFault(point);
}
