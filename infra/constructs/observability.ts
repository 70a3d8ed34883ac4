import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, Stats, TextWidget, TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric, IWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The namespace the handlers' Powertools metrics (EMF) publish to; every metric carries `district`. */
export const metricsNamespace = 'Firstline';

/**
 * The thresholds ops are paged at. A message older than 15 minutes means its consumer is stopped
 * or failing (retention is 7 days: there is time to act, but the day's counts are already late).
 */
export const alarmThresholds = {
  /** Any message in a dead-letter queue: a person has to look and redrive. */
  deadLetters: 0,
  oldestMessageSeconds: 15 * 60,
  /** Percent of requests answered 5xx, per 5 minutes, 2 of 3 periods. */
  serverErrorPercent: 5,
  /** Any throttled invocation: the account's concurrency (shared by every district) ran out. */
  throttles: 0,
  /** Any urgent medical request past its clock (the watch counts them every minute): a person is waiting. */
  overdueUrgentRequests: 0,
  /** The live view older than five minutes (the fold runs every minute on one-minute buckets): its fold is stopped or failing. */
  liveViewAgeSeconds: 300,
} as const;

export interface ObservedQueue {
  readonly name: string;
  readonly queue: IQueue;
  readonly deadLetterQueue: IQueue;
}

export interface ObservabilityProps {
  /** The district's id (or the city's): names the topic and dashboard, and the custom metrics' `district`. */
  readonly district: string;
  readonly functions: ReadonlyMap<string, IFunction>;
  /** The stack's own queues (a district does not watch the city's queue; the city does). */
  readonly queues: readonly ObservedQueue[];
  readonly api: IHttpApi;
  /** Subscribed to the alarm topic by email when set (the address confirms the subscription once). */
  readonly alarmEmail?: string;
  /** A district's scheduled watches report their own metrics (urgent requests' clocks, the live view's age); the city has none. */
  readonly watchesDistrictJobs?: boolean;
}

const period = Duration.minutes(5);
const oneMinute = Duration.minutes(1);

/** `scan-events` → `ScanEvents`, for construct ids. */
const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/**
 * What ops watch for one district (or the city): alarms on dead letters, stuck queues, the API's
 * 5xx rate and Lambda throttles, all to one encrypted SNS topic; and one dashboard with the API,
 * every function, every queue and the service's own metrics.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    // CloudWatch can only publish to an encrypted topic whose key lets it: the AWS managed SNS key does not.
    const key = new Key(this, 'AlarmTopicKey', {
      description: `Firstline ${props.district}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(new PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }));
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Firstline ${props.district} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number, evaluation: { periods: number; datapoints: number } = { periods: 1, datapoints: 1 }) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: `Firstline ${props.district}: ${description}`,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: evaluation.periods,
        datapointsToAlarm: evaluation.datapoints,
        // No data is no traffic (or no message): nothing to page about.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const { name, queue, deadLetterQueue } of props.queues) {
      alarm(`${pascal(name)}DeadLetters`, `messages in the ${name} dead-letter queue: look at them, fix, then redrive (infra/README.md)`,
        deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: oneMinute }), alarmThresholds.deadLetters);
      alarm(`${pascal(name)}OldestMessage`, `the oldest ${name} message is over ${alarmThresholds.oldestMessageSeconds / 60} minutes old: its consumer is stopped or failing`,
        queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period: oneMinute }), alarmThresholds.oldestMessageSeconds);
    }

    const requests = props.api.metricCount({ statistic: Stats.SUM, period });
    const serverErrors = props.api.metricServerError({ statistic: Stats.SUM, period });
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx %',
      period,
    });
    alarm('ApiServerErrorRate', `over ${alarmThresholds.serverErrorPercent}% of API requests answered 5xx`, serverErrorRate, alarmThresholds.serverErrorPercent, { periods: 3, datapoints: 2 });

    if (props.watchesDistrictJobs) {
      // The watch's own metric (Powertools EMF: dimensions service and district), the maximum of each minute.
      const overdue = new Metric({
        namespace: metricsNamespace, metricName: 'UrgentRequestsOverdue', dimensionsMap: { service: 'firstline', district: props.district }, statistic: Stats.MAXIMUM, period: oneMinute,
      });
      alarm('UrgentRequestsOverdue', 'an urgent medical request is past its clock (acknowledge or arrange it; the log names it and how far it escalated)', overdue, alarmThresholds.overdueUrgentRequests);
      const liveAge = new Metric({
        namespace: metricsNamespace, metricName: 'LiveViewAgeSeconds', dimensionsMap: { service: 'firstline', district: props.district }, statistic: Stats.MAXIMUM, period: oneMinute,
      });
      alarm('LiveViewAge', `the live scan counts are over ${alarmThresholds.liveViewAgeSeconds / 60} minutes old: the fold (fold-live-scans) is stopped or failing; the close is still exact`, liveAge, alarmThresholds.liveViewAgeSeconds);
    }

    const fns = [...props.functions.entries()];
    // One alarm per function: an alarm's metric math may use at most 10 metrics, and a district has more functions.
    for (const [name, fn] of fns) {
      alarm(`${pascal(name)}Throttles`, `${name} was throttled (account concurrency exhausted)`, fn.metricThrottles({ statistic: Stats.SUM, period }), alarmThresholds.throttles);
    }

    // Dashboard: one graph per metric, one line per function/queue.
    const perFunction = (metric: (fn: IFunction) => Metric) => fns.map(([name, fn]) => metric(fn).with({ label: name }));
    const custom = (metricName: string, statistic: string, label: string) => new MathExpression({
      // Any dimension set that has this district (Powertools adds `service`; ScansByVerdict adds `verdict`).
      expression: `SEARCH('Namespace="${metricsNamespace}" MetricName="${metricName}" district="${props.district}"', '${statistic}', ${period.toSeconds()})`,
      usingMetrics: {},
      label,
      period,
    });
    const graph = (title: string, left: IMetric[], right?: IMetric[]) => new GraphWidget({ title, left, right, width: 12, height: 6 });
    const widgets: IWidget[][] = [
      [new TextWidget({
        markdown: `# Firstline ${props.district}\nAlarms go to SNS topic \`${this.topic.topicName}\` (subscribe: infra/README.md). Custom metrics: namespace \`${metricsNamespace}\`, dimension \`district=${props.district}\`.`,
        width: 24,
        height: 2,
      })],
      [
        graph('API requests and errors (sum / 5 min)', [requests.with({ label: 'requests' })], [
          props.api.metricClientError({ statistic: Stats.SUM, period }).with({ label: '4xx' }),
          serverErrors.with({ label: '5xx' }),
        ]),
        graph('API latency (ms)', [
          props.api.metricLatency({ statistic: Stats.percentile(50), period }).with({ label: 'p50' }),
          props.api.metricLatency({ statistic: Stats.percentile(99), period }).with({ label: 'p99' }),
          props.api.metricIntegrationLatency({ statistic: Stats.percentile(99), period }).with({ label: 'integration p99' }),
        ], [serverErrorRate]),
      ],
      [
        graph('Function invocations (sum)', perFunction((fn) => fn.metricInvocations({ statistic: Stats.SUM, period }))),
        graph('Function errors (sum)', perFunction((fn) => fn.metricErrors({ statistic: Stats.SUM, period }))),
      ],
      [
        graph('Function duration p99 (ms)', perFunction((fn) => fn.metricDuration({ statistic: Stats.percentile(99), period }))),
        graph('Function throttles (sum)', perFunction((fn) => fn.metricThrottles({ statistic: Stats.SUM, period }))),
      ],
      [
        graph('Queue depth (visible messages, max)', props.queues.map(({ name, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period }).with({ label: name }))),
        graph('Oldest message age (s, max)', props.queues.map(({ name, queue }) =>
          queue.metricApproximateAgeOfOldestMessage({ statistic: Stats.MAXIMUM, period }).with({ label: name }))),
      ],
      [
        graph('Dead-letter queue depth (max)', props.queues.map(({ name, deadLetterQueue }) =>
          deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period }).with({ label: `${name} DLQ` }))),
        graph('Messages a consumer failed (sum; five failures dead-letter one)', [custom('BatchItemFailures', 'Sum', 'failed messages')]),
      ],
      [
        graph('Scans by verdict (sum)', [custom('ScansByVerdict', 'Sum', 'scans')]),
        graph('Queue lag and dispatch latency (s, max)', [
          custom('QueueLagSeconds', 'Maximum', 'queue lag'),
          custom('DispatchLatencySeconds', 'Maximum', 'dispatch latency'),
        ]),
      ],
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `Firstline-${props.district}`,
      defaultInterval: Duration.hours(3),
      widgets,
    });
  }
}
