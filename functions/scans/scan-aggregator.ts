import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { districtRuntime } from '@firstline/adapters';
import type { ScanRecord } from '@firstline/domain';
import { aggregateScanCounts, dayOf, limiter } from '@firstline/domain';
import { faultPoint, logger, metrics, MetricUnit, observe, queueMetrics } from '@firstline/http';
import { scanEventMessage } from '@firstline/schemas';

const runtime = await districtRuntime();
const processor = new BatchProcessor(EventType.SQS);

/**
 * Records each scan once (a conditional put per scan id: the source of truth) and adds only the
 * scans this invocation newly recorded to the counters, aggregated so that counter writes grow
 * with distinct grid-days, not scans. A crash between the two writes can leave a count short,
 * never double; the recount at day close makes the day exact from the records.
 */
export const handler = middy(async (event: SQSEvent, context: Context) => {
  // A whole invocation failing before any work (a crashed container): every message comes back.
  faultPoint('scan-aggregator.invocation');
  const fresh: ScanRecord[] = [];
  // A batch of backlogs holds thousands of scans: cap the puts in flight, not the scans.
  const limit = limiter(32);
  let received = 0;
  const response = await processPartialResponse(event, async (record: SQSRecord) => {
    const { scans } = scanEventMessage.parse(JSON.parse(record.body));
    received += scans.length;
    faultPoint('scan-aggregator.record');
    for (const scan of scans) faultPoint('scan-aggregator.scan', scan.scanId);
    const outcomes = await Promise.allSettled(scans.map((scan) => limit(() => runtime.scans.record(scan))));
    outcomes.forEach((o, i) => o.status === 'fulfilled' && o.value && fresh.push(scans[i]!));
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ scanId: scans[i]!.scanId, error: o.reason as Error }] : []));
    // One line per message, naming (the first of) its scans that will come back with the redelivery.
    if (failed.length > 0) logger.warn('scans not recorded', { failed: failed.length, scanIds: failed.slice(0, 20).map((f) => f.scanId), error: failed[0]!.error });
    if (failed.length > 0) throw failed[0]!.error;
  }, processor, { context, throwOnFullBatchFailure: false });

  faultPoint('scan-aggregator.before-count');
  await Promise.all(aggregateScanCounts(fresh).map((counts) => runtime.scans.addCounts(counts)));
  // An offline backlog lands on days that may be closed: their reports stop being final.
  await runtime.snapshots.markLate(fresh.map((s) => s.day), dayOf(new Date(), runtime.config.timeZone));
  metrics.addMetric('ScansReceived', MetricUnit.Count, received);
  metrics.addMetric('ScansCounted', MetricUnit.Count, fresh.length);
  logger.info('scans aggregated', { messages: event.Records.length, recorded: fresh.length, failed: response.batchItemFailures.length });
  return response;
}).use(observe(runtime)).use(queueMetrics('scan-aggregator')).use(injectLambdaContext(logger, { resetKeys: true }));
