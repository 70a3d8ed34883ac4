import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, ScheduledEvent, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import { logger } from './logger.ts';
import { observe, queueMetrics } from './observability.ts';

/** One invocation's work over a batch: each message on its own, then what the batch does once. */
export interface BatchWork<M> {
  /** Throws to fail only this message (it comes back, and after its retries goes to the DLQ). */
  message(message: M, record: SQSRecord): Promise<void>;
  /** After every message was tried (counters, totals): throwing here fails the whole batch. */
  settle?(outcome: { readonly messages: number; readonly failed: number }): Promise<void>;
}

/**
 * Builds an SQS consumer, the queue counterpart of `httpRoute`: tracing and metrics, queue lag and
 * batch-failure metrics, logger context, then each message parsed with its zod schema (a message
 * that does not parse fails alone) and a partial batch response.
 */
export function queueConsumer<M>(stack: { readonly district: string }, consumer: string, schema: z.ZodType<M>, start: () => BatchWork<M>) {
  const processor = new BatchProcessor(EventType.SQS);
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const work = start();
    const response = await processPartialResponse(event, (record: SQSRecord) => work.message(schema.parse(JSON.parse(record.body)), record), processor, {
      context, throwOnFullBatchFailure: false,
    });
    await work.settle?.({ messages: event.Records.length, failed: response.batchItemFailures.length });
    return response;
  }).use(observe(stack)).use(queueMetrics(consumer)).use(injectLambdaContext(logger, { resetKeys: true }));
}

/** Builds a scheduled function: tracing and metrics, logger context, then the job. */
export function scheduledJob<R>(stack: { readonly district: string }, job: (event: Pick<ScheduledEvent, 'time'>) => Promise<R>) {
  return middy(job).use(observe(stack)).use(injectLambdaContext(logger, { resetKeys: true }));
}
