import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { districtRuntime } from '@firstline/adapters';
import { addCounters } from '@firstline/adapters/dynamodb/counters';
import { putIfAbsent } from '@firstline/adapters/dynamodb/create-once';
import type { ScanRecord } from '@firstline/domain';
import { aggregateScanCounts } from '@firstline/domain';
import { timed } from '../meters.ts';

const runtime = await districtRuntime();

/**
 * The naive consumer the cost benchmark compares with: triggered with one message an invocation
 * (batch size 1), it records each scan once (a conditional put per scan, as ours did before it
 * packed them, so a duplicate upload is not counted twice) and then makes one UpdateItem per counter the scan touches — the
 * same counters as ours (in/out, per checkpoint, denied, per deny reason, fever) — instead of one
 * update per grid-day of a whole batch. Its counters live under `NAIVE#<grid>` in the stats table.
 */
async function naive(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      const { scans } = JSON.parse(record.body) as { scans: ScanRecord[] };
      for (const scan of scans) {
        const recorded = await putIfAbsent(runtime.clients.documents, runtime.config.tables.scans, { pk: `G#${scan.gridId}#${scan.day}`, sk: scan.scanId, ...scan });
        if (!recorded) continue;
        for (const delta of aggregateScanCounts([scan])) {
          for (const [name, n] of Object.entries(delta.counts)) {
            await addCounters(runtime.clients.documents, runtime.config.tables.stats, { pk: `NAIVE#${delta.gridId}`, sk: delta.day }, { [name]: n });
          }
        }
      }
    } catch {
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

export const handler = timed('naive-aggregator', naive as Parameters<typeof timed>[1]);
