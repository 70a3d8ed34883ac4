import { foldLiveScans } from '@firstline/app';
import { functionRuntime, scanStore } from '@firstline/adapters';
import { metrics, MetricUnit, scheduledJob } from '@firstline/http';
import { liveBucketEnd } from '@firstline/domain';

const runtime = await functionRuntime('fold-live-scans', [scanStore]);

/**
 * Every minute (locally, every bucket): the scans packed in the buckets that have settled since
 * the last run are added to the live counters, a grid-day's once per bucket. The metric is how
 * old the live view is, alarmed on in infra.
 */
export const handler = scheduledJob(runtime, async () => {
  const times = runtime.config.liveFold;
  const now = new Date();
  const through = await foldLiveScans(runtime, times, now);
  const lagSeconds = through === undefined ? 0 : (now.getTime() - liveBucketEnd(through, times.bucketSeconds).getTime()) / 1000;
  metrics.addMetric('LiveViewAgeSeconds', MetricUnit.Seconds, lagSeconds);
  return { foldedThrough: through, lagSeconds };
});
