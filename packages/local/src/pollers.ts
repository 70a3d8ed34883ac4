import { createHash } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { FunctionSpec, QueueTrigger } from '@firstline/service';
import { invoke } from './handlers.ts';

export interface PollerOptions {
  readonly sqs: SQSClient;
  readonly district: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  /** Parallel invocations per queue, as Lambda scales out pollers. */
  readonly concurrency: number;
}

/** SQS allows at most 10 messages per receive. */
const maxPerReceive = 10;

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? createHash('md5').update(message.Body ?? '').digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

/**
 * Mirrors Lambda's SQS event-source mapping: gathers up to `batchSize` messages within the
 * batching window, invokes the handler with a real SQSEvent, deletes what succeeded and leaves
 * reported failures (or the whole batch, if the handler throws) to reappear after the visibility
 * timeout; the queue's redrive policy moves a message to its DLQ after maxReceiveCount receives.
 */
export class QueuePoller {
  readonly #fn: FunctionSpec;
  readonly #trigger: QueueTrigger;
  readonly #options: PollerOptions;
  #running = false;
  #loops: Promise<void>[] = [];

  constructor(fn: FunctionSpec, options: PollerOptions) {
    if (!fn.trigger) throw new Error(`${fn.name} has no queue trigger`);
    this.#fn = fn;
    this.#trigger = fn.trigger;
    this.#options = options;
  }

  start(): void {
    this.#running = true;
    this.#loops = Array.from({ length: this.#options.concurrency }, () => this.#loop());
  }

  /** Stops receiving and waits for the batches in flight to finish, so nothing is half done. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
  }

  async #loop(): Promise<void> {
    while (this.#running) {
      try {
        const messages = await this.#gather();
        if (messages.length > 0) await this.#process(messages);
      } catch (error) {
        if (this.#running) {
          console.error(`[poller] ${this.#fn.name}:`, error);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
  }

  async #gather(): Promise<Message[]> {
    const messages: Message[] = [];
    const windowEnds = Date.now() + this.#trigger.maxBatchingWindowSeconds * 1000;
    while (this.#running && messages.length < this.#trigger.batchSize) {
      const waiting = messages.length === 0;
      const out = await this.#options.sqs.send(new ReceiveMessageCommand({
        QueueUrl: this.#options.queueUrl,
        MaxNumberOfMessages: Math.min(maxPerReceive, this.#trigger.batchSize - messages.length),
        // Short long-polls keep shutdown prompt; an idle queue costs one request a second.
        WaitTimeSeconds: waiting ? 1 : 0,
        MessageSystemAttributeNames: ['All'],
      }));
      messages.push(...(out.Messages ?? []));
      if ((out.Messages ?? []).length === 0 && (messages.length > 0 || !waiting)) {
        if (Date.now() >= windowEnds) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      if (messages.length > 0 && Date.now() >= windowEnds) break;
    }
    return messages;
  }

  async #process(messages: Message[]): Promise<void> {
    const event: SQSEvent = { Records: messages.map((m) => toRecord(m, this.#options.queueArn)) };
    let failed: Set<string>;
    try {
      const response = (await invoke(this.#fn, this.#options.district, event)) as SQSBatchResponse | undefined;
      const ids = new Set(event.Records.map((r) => r.messageId));
      const reported = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      // Lambda treats an unknown or empty identifier as a failure of the whole batch.
      failed = reported.every((id) => ids.has(id)) ? new Set(reported) : ids;
    } catch (error) {
      console.error(`[poller] ${this.#fn.name} threw; the batch returns to the queue:`, (error as Error).message);
      return;
    }
    const done = event.Records.filter((r) => !failed.has(r.messageId));
    for (let i = 0; i < done.length; i += maxPerReceive) {
      await this.#options.sqs.send(new DeleteMessageBatchCommand({
        QueueUrl: this.#options.queueUrl,
        Entries: done.slice(i, i + maxPerReceive).map((r, n) => ({ Id: String(n), ReceiptHandle: r.receiptHandle })),
      }));
    }
  }
}
