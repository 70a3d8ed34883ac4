import { dispatchGrid, districtSettings } from '@firstline/app';
import { functionRuntime, registryStore, snapshotStore, deliveryStore, volunteerStore } from '@firstline/adapters';
import { logger, metrics, MetricUnit, queueConsumer } from '@firstline/http';
import { dispatchMessage } from '@firstline/schemas';
import { ownFunction } from '@firstline/service';

const runtime = await functionRuntime('dispatcher', [registryStore, snapshotStore, deliveryStore, volunteerStore]);
/**
 * A task held this long with its delivery still queued was taken by a dispatcher that died before
 * its second write: twice this function's timeout, past which no invocation can still be running.
 */
const abandonedAfterMs = Number(process.env['FIRSTLINE_TASK_ABANDONED_SECONDS'] ?? 2 * ownFunction('dispatcher').timeoutSeconds) * 1000;

/** Dispatches a grid, with its log lines and latency metrics once per grid. */
async function dispatch(gridId: string, timeZone: Promise<string>): Promise<void> {
  const { assigned, dropped, waitedSeconds, bumped } = await dispatchGrid(runtime, gridId, await timeZone, abandonedAfterMs);
  for (const d of dropped) logger.warn('dropping stale tasks', d);
  if (bumped.length > 0) logger.info('tasks not picked up went back to the queue for medical deliveries', { gridId, bumped });
  for (const seconds of waitedSeconds) metrics.addMetric('DispatchLatencySeconds', MetricUnit.Seconds, seconds);
  logger.debug('grid dispatched', { gridId, assigned });
}

/** Many messages name the same grid: each grid is dispatched once a batch, and only its messages fail with it. */
export const handler = queueConsumer(runtime, 'dispatcher', dispatchMessage, () => {
  const byGrid = new Map<string, Promise<void>>();
  const timeZone = districtSettings(runtime).then((s) => s.timeZone);
  return {
    message: async ({ gridId }) => {
      if (!byGrid.has(gridId)) byGrid.set(gridId, dispatch(gridId, timeZone));
      await byGrid.get(gridId);
    },
  };
});
