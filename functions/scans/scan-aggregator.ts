import type { ScanRecord } from '@firstline/domain';
import { keepFeverScans, packScans } from '@firstline/app';
import { functionRuntime, scanCountStore, feverScanStore, snapshotStore } from '@firstline/adapters';
import { faultPoint, logger, metrics, MetricUnit, queueConsumer } from '@firstline/http';
import { scanEventMessage } from '@firstline/schemas';

const runtime = await functionRuntime('scan-aggregator', [scanCountStore, feverScanStore, snapshotStore]);

/**
 * Packs the batch's scans for the close (a few writes a batch, not one a scan) and then marks the
 * batch counted, which lets the live fold count it: a crash in between leaves the live view short
 * until the close, never double; a redelivered message is packed again and counted where its scans
 * first appeared (`liveScansOf`).
 */
export const handler = queueConsumer(runtime, 'scan-aggregator', scanEventMessage, () => {
  // A whole invocation failing before any work (a crashed container): every message comes back.
  faultPoint('scan-aggregator.invocation');
  const scans: ScanRecord[] = [];
  return {
    message: async (message) => {
      faultPoint('scan-aggregator.record');
      for (const scan of message.scans) faultPoint('scan-aggregator.scan', scan.scanId);
      // Every fever of the message, kept before or not (a redelivery keeps what a crash left out).
      await keepFeverScans(runtime, message.scans);
      scans.push(...message.scans);
    },
    settle: async ({ messages, failed }) => {
      if (scans.length === 0) return;
      const batch = await packScans(runtime, scans, runtime.config.liveFold);
      faultPoint('scan-aggregator.before-count');
      await runtime.scanCounts.markCounted(batch);
      metrics.addMetric('ScansReceived', MetricUnit.Count, scans.length);
      logger.info('scans aggregated', { messages, scans: scans.length, failed });
    },
  };
});
