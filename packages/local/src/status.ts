import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { StackResources } from './emulators.ts';

export interface QueueStatus {
  readonly visible: number;
  readonly inFlight: number;
  readonly deadLettered: number;
}

async function counts(sqs: SQSClient, url: string): Promise<{ visible: number; inFlight: number }> {
  const out = await sqs.send(new GetQueueAttributesCommand({
    QueueUrl: url,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
  }));
  const a = out.Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/** What `/local/status` shows: enough to tell whether the pipeline has drained and lost nothing. */
export async function queueStatus(sqs: SQSClient, resources: StackResources): Promise<Record<string, QueueStatus>> {
  const entries = await Promise.all(Object.entries(resources.queueUrls).map(async ([name, url]) => {
    const [main, dlq] = await Promise.all([counts(sqs, url), counts(sqs, resources.dlqUrls[name as keyof typeof resources.dlqUrls]!)]);
    return [name, { ...main, deadLettered: dlq.visible + dlq.inFlight }] as const;
  }));
  return Object.fromEntries(entries);
}
