import type { SQSClient } from '@aws-sdk/client-sqs';
import type { CaseEvent, CaseEventQueue } from '@firstline/domain/health-codes/index';
import { sendAll } from '../sqs/send-all.ts';

/** One message per case event; the consumer reports each upward once (its id is the idempotency key). */
export function provinceReportsQueue(sqs: SQSClient, queueUrl: string): CaseEventQueue {
  return {
    announce: async (events: readonly CaseEvent[]) => {
      const unique = [...new Map(events.map((e) => [e.eventId, { v: 1 as const, ...e }])).values()];
      if (unique.length > 0) await sendAll(sqs, queueUrl, unique);
    },
  };
}
