import type { MiddlewareObj } from '@middy/core';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Reason, Verdict } from '@firstline/domain';
import { logger } from './logger.ts';

export { MetricUnit };

const serviceName = 'firstline';

/**
 * Powertools' own warnings, as structured log lines. "No application metrics to publish" fires on
 * every invocation that emitted none (most HTTP routes), so it is only a debug line.
 */
const utilityLogger = {
  debug: (...content: unknown[]) => logger.debug(String(content[0])),
  info: (...content: unknown[]) => logger.info(String(content[0])),
  warn: (...content: unknown[]) => {
    const message = String(content[0]);
    if (message.startsWith('No application metrics')) logger.debug(message);
    else logger.warn(message);
  },
  error: (...content: unknown[]) => logger.error(String(content[0])),
};

class FirstlineMetrics extends Metrics {
  /** False locally (`POWERTOOLS_DEV`) unless `POWERTOOLS_METRICS_DISABLED=false`: no EMF on stdout then. */
  get emitting(): boolean {
    return !this.isDisabled();
  }
}

const district = process.env['FIRSTLINE_DISTRICT'];
let currentDistrict = district;

/**
 * CloudWatch metrics as EMF lines on stdout, one buffer per container, flushed by `observe()` after
 * every invocation. Dimensions: `service`, `district` (the stack id) and what a metric adds.
 */
export const metrics = new FirstlineMetrics({
  namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] || 'Firstline',
  serviceName,
  ...(district ? { defaultDimensions: { district } } : {}),
  logger: utilityLogger,
});

/** Where metrics go when EMF is off (locally): one debug log line per flush, so they are never lost silently. */
function echo(flat: Record<string, unknown>): void {
  logger.debug('metrics', { metrics: flat });
}

const echoWhenDisabled: MiddlewareObj = {
  after: () => echoBuffer(),
  onError: () => echoBuffer(),
};

function echoBuffer(): void {
  if (metrics.emitting || !metrics.hasStoredMetrics()) return;
  const { _aws: _, ...flat } = metrics.serializeMetrics();
  echo(flat);
}

/**
 * The middlewares every handler uses, first in its chain: metrics flushed after the handler returns
 * or throws. Traces come from Lambda's active tracing (the invocation's segment, set in infra)
 * without the X-Ray SDK in the bundle: it was 96 KB of every function and a third of its init.
 */
export function observe(stack: { readonly district: string }): MiddlewareObj[] {
  return [
    { before: () => useDistrict(stack.district) },
    logMetrics(metrics, { captureColdStartMetric: true }) as MiddlewareObj,
    echoWhenDisabled,
  ];
}

/**
 * The stack's id as the `district` dimension. It is set only when it changes (Powertools warns on
 * every overwrite), which in Lambda is never: one stack per container; locally, stacks share a process.
 */
function useDistrict(id: string): void {
  if (id === currentDistrict) return;
  metrics.clearDefaultDimensions();
  metrics.setDefaultDimensions({ service: serviceName, district: id });
  currentDistrict = id;
}

/**
 * One metric with dimensions of its own, published at once as its own EMF line: for a dimension
 * that takes several values in one invocation. The stack's default dimensions are kept.
 */
export function addMetricWith(dimensions: Readonly<Record<string, string>>, name: string, unit: Unit, value: number): void {
  const single = metrics.singleMetric();
  for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
  if (!metrics.emitting) echo({ ...dimensions, [name]: value });
  single.addMetric(name, unit, value);
}

/**
 * `ScansByVerdict`: the verdicts of one request, one count per verdict and reason (at most the
 * domain's eight reasons: bounded cardinality), not one line per scan.
 */
export function countVerdicts(results: readonly { readonly verdict: Verdict; readonly reason: Reason }[]): void {
  const counts = new Map<string, { verdict: Verdict; reason: Reason; count: number }>();
  for (const { verdict, reason } of results) {
    const key = `${verdict}|${reason}`;
    const entry = counts.get(key) ?? { verdict, reason, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  for (const { verdict, reason, count } of counts.values()) addMetricWith({ verdict, reason }, 'ScansByVerdict', MetricUnit.Count, count);
}

/**
 * For an SQS consumer, after `observe()`, two lines with a `consumer` dimension (their own, so a
 * flush of the handler's metrics mid-invocation cannot drop it): `QueueLagSeconds`, the age of the
 * batch's oldest message (now − SentTimestamp), and `BatchItemFailures`, the messages that go back
 * to the queue (all of them when the handler throws): what ends in a dead-letter queue starts here.
 */
export function queueMetrics(consumer: string): MiddlewareObj<SQSEvent, SQSBatchResponse | undefined> {
  return {
    before: ({ event }) => {
      const oldest = event.Records.reduce((min, r) => Math.min(min, Number(r.attributes?.SentTimestamp) || Infinity), Infinity);
      if (Number.isFinite(oldest)) addMetricWith({ consumer }, 'QueueLagSeconds', MetricUnit.Seconds, Math.max(0, (Date.now() - oldest) / 1000));
    },
    after: ({ response }) => {
      addMetricWith({ consumer }, 'BatchItemFailures', MetricUnit.Count, response?.batchItemFailures.length ?? 0);
    },
    onError: ({ event }) => {
      addMetricWith({ consumer }, 'BatchItemFailures', MetricUnit.Count, event.Records.length);
    },
  };
}
