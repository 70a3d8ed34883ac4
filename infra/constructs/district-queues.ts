import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, QueueSpec } from '@firstline/service';

export interface DistrictQueuesProps {
  readonly specs: readonly QueueSpec[];
  readonly retain: boolean;
}

const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
/** Pinned logical ids (`QueueScanEvents`, `QueueScanEventsDlq`): messages in flight survive refactors. */
export const queueLogicalId = (name: QueueName) => `Queue${pascal(name)}`;
export const dlqLogicalId = (name: QueueName) => `Queue${pascal(name)}Dlq`;

/** Each declared queue with its own dead-letter queue, SSE and TLS-only access. */
export class DistrictQueues extends Construct {
  readonly queues: Readonly<Record<QueueName, Queue>>;
  readonly deadLetterQueues: Readonly<Record<QueueName, Queue>>;

  constructor(scope: Construct, id: string, props: DistrictQueuesProps) {
    super(scope, id);
    const queues = {} as Record<QueueName, Queue>;
    const dlqs = {} as Record<QueueName, Queue>;
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    for (const spec of props.specs) {
      const dlq = new Queue(this, `${spec.name}-dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Dead letters wait for a person and a redrive: keep them as long as SQS allows.
        retentionPeriod: Duration.days(14),
        removalPolicy,
      });
      const queue = new Queue(this, spec.name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: dlq, maxReceiveCount: spec.maxReceiveCount },
        removalPolicy,
      });
      (dlq.node.defaultChild as CfnResource).overrideLogicalId(dlqLogicalId(spec.name));
      (queue.node.defaultChild as CfnResource).overrideLogicalId(queueLogicalId(spec.name));
      queues[spec.name] = queue;
      dlqs[spec.name] = dlq;
    }
    this.queues = queues;
    this.deadLetterQueues = dlqs;
  }
}
