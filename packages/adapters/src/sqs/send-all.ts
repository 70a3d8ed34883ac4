import type { SQSClient } from '@aws-sdk/client-sqs';

/** SQS limits: 10 entries per batch send, 1 MiB per message (we stay well under 256 KiB). */
const maxEntries = 10;
const maxMessageBytes = 240 * 1024;

/**
 * Sends JSON messages in as few SQS requests as the limits allow and throws unless every one was
 * accepted, so a route never acknowledges work that is not durably queued. `delaySeconds`, one per
 * message, holds each back until its turn (at most 900).
 */
export async function sendAll(sqs: SQSClient, queueUrl: string, messages: readonly unknown[], delaySeconds?: readonly number[]): Promise<void> {
  const bodies = messages.map((m) => JSON.stringify(m));
  const oversized = bodies.find((b) => Buffer.byteLength(b) > maxMessageBytes);
  if (oversized) throw new Error(`message of ${Buffer.byteLength(oversized)} bytes exceeds the queue limit`);
  // Imported here, not at the top: a function that never sends never loads the SQS package.
  const { SendMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  for (let i = 0; i < bodies.length; i += maxEntries) {
    let entries = bodies.slice(i, i + maxEntries).map((MessageBody, n) => ({ Id: String(n), MessageBody, DelaySeconds: delaySeconds?.[i + n] }));
    for (let attempt = 0; entries.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1_000)));
      if (attempt > 5) throw new Error('queue refused messages after retries');
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = new Set((out.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((e) => failed.has(e.Id));
    }
  }
}
