import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ScanCountStore } from '@firstline/adapters/dynamodb/scan-count-store';
import type { RunningStack } from './local-stack.ts';

export interface LocalStatus {
  queues: Record<string, { visible: number; inFlight: number; deadLettered: number }>;
  endpoints: { dynamodb: string; sqs: string };
  tables: Record<string, string>;
  /** A district's live view: whether every batch the aggregator began was folded into the live counters. */
  live?: { foldedThrough: number | null; newestBatch: number | null; folded: boolean };
}

export async function status(stack: RunningStack): Promise<LocalStatus> {
  return (await stack.client.get<LocalStatus>('/local/status')).body;
}

/**
 * Waits until no queue has a visible or in-flight message (twice in a row) and the live view has
 * folded every batch the aggregator began (the local stack folds quarter-second buckets), or fails.
 */
export async function drained(stack: RunningStack, timeoutMs = 60_000): Promise<LocalStatus> {
  const deadline = Date.now() + timeoutMs;
  let quietPolls = 0;
  for (;;) {
    const s = await status(stack);
    const busy = Object.values(s.queues).some((q) => q.visible + q.inFlight > 0) || s.live?.folded === false;
    quietPolls = busy ? 0 : quietPolls + 1;
    if (quietPolls >= 2) return s;
    if (Date.now() > deadline) throw new Error(`pipeline did not drain: ${JSON.stringify(s.queues)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Reads until `done` says the value is what the test waits for (the pipeline is asynchronous), or fails naming `what`. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** SDK clients on the stack's emulators, for tests that look under the API (counters, raw queues). */
export async function emulatorClients(stack: RunningStack) {
  const s = await status(stack);
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: s.endpoints.dynamodb, region: 'us-east-1', credentials }));
  const sqs = new SQSClient({ endpoint: s.endpoints.sqs, region: 'us-east-1', credentials, useQueueUrlAsEndpoint: false });
  return {
    documents,
    sqs,
    tables: s.tables,
    /** The live scan counters of a grid on a day. */
    scanCounters: async (gridId: string, day: string): Promise<Record<string, number>> => {
      const out = await documents.send(new GetCommand({ TableName: s.tables['stats'], Key: { pk: `SCANS#${gridId}`, sk: day } }));
      return Object.fromEntries(Object.entries(out.Item ?? {}).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
    },
    /** The recorded scans of a grid on a day as the close reads them (the source of truth): each scan once. */
    records: async (gridId: string, day: string): Promise<Record<string, unknown>[]> =>
      ((await new ScanCountStore(documents, { scans: s.tables['scans']!, stats: s.tables['stats']! }).recordsOf([gridId], day)).get(gridId) ?? []).map((scan) => ({ ...scan })),
    close: () => {
      documents.destroy();
      sqs.destroy();
    },
  };
}
