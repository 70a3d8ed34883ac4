import type { SQSClient } from '@aws-sdk/client-sqs';
import type { CityRollupQueue, CloseShardQueue, DayRevisionQueue, DispatchQueue, DistrictDay, NotificationQueue, ScanEventsQueue } from '@firstline/domain';
import { sendAll } from './send-all.ts';

/** One message per request: the scans of a live scan or a whole backlog travel together. */
export function scanEventsQueue(sqs: SQSClient, queueUrl: string): ScanEventsQueue {
  return { publish: (records) => sendAll(sqs, queueUrl, [{ v: 1, scans: records }]) };
}

/** One message per grid: the dispatcher takes each grid once a batch, however many ask. */
export function dispatchQueue(sqs: SQSClient, queueUrl: string): DispatchQueue {
  return {
    request: async (gridIds) => {
      const unique = [...new Set(gridIds)];
      if (unique.length > 0) await sendAll(sqs, queueUrl, unique.map((gridId) => ({ gridId })));
    },
  };
}

export function cityRollupQueue(sqs: SQSClient, queueUrl: string): CityRollupQueue {
  return { send: (days: readonly DistrictDay[]) => sendAll(sqs, queueUrl, days) };
}

/** One message per grid and day; the consumer revises each grid once a batch, from its earliest day. */
export function dayRevisionsQueue(sqs: SQSClient, queueUrl: string): DayRevisionQueue {
  return {
    request: async (revisions) => {
      const unique = [...new Map(revisions.map((r) => [`${r.gridId}|${r.day}`, { v: 1 as const, gridId: r.gridId, day: r.day }])).values()];
      if (unique.length > 0) await sendAll(sqs, queueUrl, unique);
    },
  };
}

/** One message per shard of a close: its grids and the days to close for them. */
export function closeShardsQueue(sqs: SQSClient, queueUrl: string): CloseShardQueue {
  return { send: (shards) => sendAll(sqs, queueUrl, shards.map((s) => ({ v: 1 as const, ...s }))) };
}

/** One message per notification, each held back for its turn (a paced call). */
export function notificationsQueue(sqs: SQSClient, queueUrl: string): NotificationQueue {
  return {
    send: (items) => sendAll(sqs, queueUrl, items.map(({ notification }) => ({ v: 1 as const, ...notification })), items.map((i) => i.delaySeconds ?? 0)),
  };
}
