import { openRecurringRequests } from '@firstline/app';
import { functionRuntime, registryStore, householdStore, snapshotStore, deliveryStore, urgentRequestStore, careCountStore } from '@firstline/adapters';
import { logger, metrics, MetricUnit, scheduledJob } from '@firstline/http';

const runtime = await functionRuntime('recurring-requests', [registryStore, householdStore, snapshotStore, deliveryStore, urgentRequestStore, careCountStore]);

/** Every hour: the next 12 hours' dialysis sessions each get their urgent request, once. */
export const handler = scheduledJob(runtime, async (event) => {
  const recurring = await openRecurringRequests(runtime, new Date(event.time));
  logger.info('recurring requests', recurring);
  metrics.addMetric('RecurringRequestsOpened', MetricUnit.Count, recurring.opened);
  return recurring;
});
