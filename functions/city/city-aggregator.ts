import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { cityRuntime } from '@firstline/adapters';
import { faultPoint, logger, observe, queueMetrics } from '@firstline/http';
import { districtDayMessage } from '@firstline/schemas';

const runtime = cityRuntime();
const processor = new BatchProcessor(EventType.SQS);

/**
 * Keeps each district's latest close of a day and the city's totals of that day. A message that is
 * not exactly a district-day aggregate (a stray field could carry personal data) is refused and
 * ends in the dead-letter queue; a redelivered or older close changes nothing.
 */
export const handler = middy(async (event: SQSEvent, context: Context) => {
  const dates = new Set<string>();
  const response = await processPartialResponse(event, async (record: SQSRecord) => {
    const day = districtDayMessage.parse(JSON.parse(record.body));
    if (!runtime.config.districts.includes(day.districtId)) throw new Error(`district ${day.districtId} is not a member of ${runtime.config.id}`);
    faultPoint('city-aggregator.save');
    await runtime.store.saveDistrictDay(day);
    dates.add(day.date);
  }, processor, { context, throwOnFullBatchFailure: false });
  // Totals of every day the batch touched; a crash before this is repaired by the redelivery.
  for (const date of dates) await runtime.store.refreshTotals(date);
  logger.info('district days received', { messages: event.Records.length, dates: [...dates], failed: response.batchItemFailures.length });
  return response;
}).use(observe(runtime)).use(queueMetrics('city-aggregator')).use(injectLambdaContext(logger, { resetKeys: true }));
