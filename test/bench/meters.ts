import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * What the cost benchmark counts besides DynamoDB's consumed capacity (the adapters' capacity
 * meter): SQS requests as SQS bills them, and Lambda invocations with their handler durations.
 * Everything here lives in the bench process only; nothing in the handlers changes.
 */

/** AWS list prices, us-east-1, as published on the services' pricing pages (read 2025-06). */
export const prices = {
  source: 'AWS list prices, us-east-1, pricing pages as of 2025-06',
  /** API Gateway HTTP API, first 300 million requests a month; a request is billed per 512 KB. */
  httpApiPerMillionRequests: 1.0,
  httpApiRequestBytes: 512 * 1024,
  /** Lambda arm64. */
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000133334,
  /** SQS standard queue (after the free tier); each 64 KB chunk of a payload is one request. */
  sqsPerMillionRequests: 0.4,
  sqsChunkBytes: 64 * 1024,
  /** DynamoDB on demand, standard table class. */
  dynamoPerMillionWriteUnits: 0.625,
  dynamoPerMillionReadUnits: 0.125,
} as const;

export interface SqsTally {
  /** API calls made, by command. */
  calls: Record<string, number>;
  /** Billed requests (64 KB chunks) of sends, of receives that returned messages, of deletes. */
  billedSend: number;
  billedReceive: number;
  billedDelete: number;
  /** Receives that returned nothing (polling while a batching window is open, or an idle queue). */
  emptyReceives: number;
  messagesSent: number;
}

export const sqsTally: SqsTally = { calls: {}, billedSend: 0, billedReceive: 0, billedDelete: 0, emptyReceives: 0, messagesSent: 0 };

export function resetSqsTally(): void {
  Object.assign(sqsTally, { calls: {}, billedSend: 0, billedReceive: 0, billedDelete: 0, emptyReceives: 0, messagesSent: 0 });
}

const chunks = (bytes: number) => Math.max(1, Math.ceil(bytes / prices.sqsChunkBytes));
const size = (s: string | undefined) => Buffer.byteLength(s ?? '');

/** DynamoDB writes by what they write, from the item's partition key (units as DynamoDB reports them). */
export interface WriteTally {
  requests: Record<string, number>;
  units: Record<string, number>;
}

export const writeTally: WriteTally = { requests: {}, units: {} };

export function resetWriteTally(): void {
  Object.assign(writeTally, { requests: {}, units: {} });
}

const keyText = (v: unknown) => (typeof v === 'string' ? v : (v as { S?: string } | undefined)?.S ?? '');

/** What a write is, from its key: the scan's claim, its record, a scan counter (ours or the naive one's); a batch's marker and the rest are `other`. */
function writeKind(command: string, input: Record<string, unknown>): string {
  const item = (input['Item'] ?? input['Key'] ?? {}) as Record<string, unknown>;
  const pk = keyText(item['pk']);
  if (pk.startsWith('P#')) return 'claim';
  // A scan's record: its pack (ours), or its own item (the naive design's).
  if (pk.startsWith('K#') || pk.startsWith('G#')) return 'record';
  if (pk.startsWith('SCANS#') || pk.startsWith('NAIVE#')) return 'counter';
  return `other ${command}`;
}

const dynamoWrites = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

let installed = false;

/**
 * Counts, in this process, every SQS data-plane request (the handlers' clients and the local
 * pollers' alike: one copy of the SDK) and every DynamoDB write by kind, with a middleware each
 * client's stack gets on its first send. Queue administration (create, the drain check's
 * attribute reads) is not counted. The DynamoDB totals come from the adapters' capacity meter
 * (FIRSTLINE_METER_CAPACITY=1), which asks for the consumed capacity this meter reads back.
 */
export function meterAws(): void {
  if (installed) return;
  installed = true;
  // Every SDK v3 client extends smithy's Client, whose send runs the client's middleware stack.
  const base = Object.getPrototypeOf(SQSClient.prototype) as { send: (...args: unknown[]) => unknown };
  const send = base.send;
  const metered = new WeakSet<object>();
  base.send = function (this: SQSClient, ...args: unknown[]) {
    if (!metered.has(this.middlewareStack)) {
      metered.add(this.middlewareStack);
      this.middlewareStack.add((next, context) => async (input) => {
        const command = String(context.commandName).replace(/Command$/, '');
        const client = String(context.clientName);
        const params = input.input as Record<string, unknown>;
        if (client === 'DynamoDBClient' || client === 'DynamoDBDocumentClient') {
          if (!dynamoWrites.has(command)) return next(input);
          const kind = writeKind(command, params);
          writeTally.requests[kind] = (writeTally.requests[kind] ?? 0) + 1;
          try {
            const result = await next(input);
            const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
            writeTally.units[kind] = (writeTally.units[kind] ?? 0) + [consumed ?? []].flat().reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
            return result;
          } catch (error) {
            // DynamoDB bills a refused conditional write as one unit (dynalite reports none).
            if ((error as Error).name === 'ConditionalCheckFailedException') writeTally.units[kind] = (writeTally.units[kind] ?? 0) + 1;
            throw error;
          }
        }
        if (client !== 'SQSClient') return next(input);
        const result = await next(input);
        const output = result.output as unknown as Record<string, unknown>;
        switch (command) {
          case 'SendMessage':
            sqsTally.billedSend += chunks(size(params['MessageBody'] as string));
            sqsTally.messagesSent++;
            break;
          case 'SendMessageBatch': {
            const entries = (params['Entries'] as { MessageBody?: string }[]) ?? [];
            sqsTally.billedSend += chunks(entries.reduce((s, e) => s + size(e.MessageBody), 0));
            sqsTally.messagesSent += entries.length;
            break;
          }
          case 'ReceiveMessage': {
            const messages = (output['Messages'] as { Body?: string }[] | undefined) ?? [];
            if (messages.length === 0) sqsTally.emptyReceives++;
            else sqsTally.billedReceive += chunks(messages.reduce((s, m) => s + size(m.Body), 0));
            break;
          }
          case 'DeleteMessage':
          case 'DeleteMessageBatch':
          case 'ChangeMessageVisibility':
          case 'ChangeMessageVisibilityBatch':
            sqsTally.billedDelete++;
            break;
          default:
            return result;
        }
        sqsTally.calls[command] = (sqsTally.calls[command] ?? 0) + 1;
        return result;
      }, { step: 'initialize', name: 'benchAwsMeter' });
    }
    return send.apply(this, args);
  };
}

export interface InvocationTally {
  count: number;
  /** Handler durations in ms, one per invocation (timings, not counts). */
  durations: number[];
  /** Billed GB-s: each invocation rounded up to the next ms, times the function's memory. */
  gbSeconds: number;
}

const invocationTallies = new Map<string, InvocationTally>();

export function invocationTally(name: string): InvocationTally {
  let tally = invocationTallies.get(name);
  if (!tally) invocationTallies.set(name, (tally = { count: 0, durations: [], gbSeconds: 0 }));
  return tally;
}

export function resetInvocationTallies(): void {
  invocationTallies.clear();
}

type Handler = (event: unknown, context: { memoryLimitInMB: string }) => Promise<unknown>;

/** Wraps a handler so that each invocation is counted and timed (from call to settled, as Lambda bills). */
export function timed(name: string, handler: Handler): Handler {
  return async (event, context) => {
    const started = performance.now();
    try {
      return await handler(event, context);
    } finally {
      const ms = performance.now() - started;
      const tally = invocationTally(name);
      tally.count++;
      tally.durations.push(ms);
      tally.gbSeconds += (Math.ceil(ms) / 1000) * (Number(context.memoryLimitInMB) / 1024);
    }
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
