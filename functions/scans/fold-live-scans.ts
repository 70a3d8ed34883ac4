import { foldLiveScans } from '@firstline/app';
import { functionRuntime, scanCountStore } from '@firstline/adapters';
import { metrics, MetricUnit, scheduledJob } from '@firstline/http';

const runtime = await functionRuntime('fold-live-scans', [scanCountStore]);

/**
 * Every minute (locally, every bucket): the scans packed in the buckets that have settled since
 * the last run are added to the live counters, a grid-day's once per bucket. The metric is how
 * old the live view is, alarmed on in infra.
 */
export const handler = scheduledJob(runtime, async () => {
  const folded = await foldLiveScans(runtime, runtime.config.liveFold);
  metrics.addMetric('LiveViewAgeSeconds', MetricUnit.Seconds, folded.ageSeconds);
  return folded;
});
