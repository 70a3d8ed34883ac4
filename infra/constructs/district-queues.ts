import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName, QueueSpec } from '@firstline/service';

export interface DistrictQueuesProps {
  readonly specs: readonly QueueSpec[];
  /** Keep the queues (and the messages in them) when the stack is deleted. */
  readonly retain: boolean;
}

const pascal = (name: string) => name.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/** Pinned logical ids (`QueueScanEvents`, `QueueScanEventsDlq`): messages in flight survive refactors. */
export const queueLogicalId = (name: QueueName) => `Queue${pascal(name)}`;
export const dlqLogicalId = (name: QueueName) => `Queue${pascal(name)}Dlq`;

/**
 * An acknowledged scan must never expire unread: a week covers a consumer that is stopped over a long
 * weekend. A dead-lettered message keeps its first enqueue time, so its queue keeps it longer: the
 * SQS maximum, 14 days, for a person to look and redrive.
 */
const messageRetention = Duration.days(7);
const deadLetterRetention = Duration.days(14);

/** Each declared queue with its own dead-letter queue, SQS-managed encryption and TLS-only access. */
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
        retentionPeriod: deadLetterRetention,
        removalPolicy,
      });
      const queue = new Queue(this, spec.name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: messageRetention,
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
