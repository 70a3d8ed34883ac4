import type { ScanRecord } from '@firstline/domain';
import { countRecordedScans, keepFeverScans, recordScans } from '@firstline/app';
import { functionRuntime, scanStore, feverScanStore, snapshotStore } from '@firstline/adapters';
import { faultPoint, logger, metrics, MetricUnit, queueConsumer } from '@firstline/http';
import { scanEventMessage } from '@firstline/schemas';

const runtime = await functionRuntime('scan-aggregator', [scanStore, feverScanStore, snapshotStore]);

/**
 * Records each scan once and counts only what this invocation newly recorded (`recordScans`,
 * `countRecordedScans`): a redelivered message changes nothing, a crash in between leaves a count
 * short until the day close recounts it, never double.
 */
export const handler = queueConsumer(runtime, 'scan-aggregator', scanEventMessage, () => {
  // A whole invocation failing before any work (a crashed container): every message comes back.
  faultPoint('scan-aggregator.invocation');
  const fresh: ScanRecord[] = [];
  let received = 0;
  return {
    message: async ({ scans }) => {
      received += scans.length;
      faultPoint('scan-aggregator.record');
      for (const scan of scans) faultPoint('scan-aggregator.scan', scan.scanId);
      const recorded = await recordScans(runtime, scans);
      // Every fever of the message, recorded now or before (a redelivery keeps what a crash left out).
      await keepFeverScans(runtime, scans);
      fresh.push(...recorded.fresh);
      const { failed } = recorded;
      // One line per message, naming (the first of) its scans that will come back with the redelivery.
      if (failed.length > 0) logger.warn('scans not recorded', { failed: failed.length, scanIds: failed.slice(0, 20).map((f) => f.scanId), error: failed[0]!.error });
      if (failed.length > 0) throw failed[0]!.error;
    },
    settle: async ({ messages, failed }) => {
      faultPoint('scan-aggregator.before-count');
      await countRecordedScans(runtime, fresh);
      metrics.addMetric('ScansReceived', MetricUnit.Count, received);
      metrics.addMetric('ScansCounted', MetricUnit.Count, fresh.length);
      logger.info('scans aggregated', { messages, recorded: fresh.length, failed });
    },
  };
});
