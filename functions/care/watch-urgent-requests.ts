import { watchUrgentRequests } from '@firstline/app';
import { functionRuntime, registryStore, urgentRequestStore, careCountStore } from '@firstline/adapters';
import { logger, metrics, MetricUnit, scheduledJob } from '@firstline/http';

const runtime = await functionRuntime('watch-urgent-requests', [registryStore, urgentRequestStore, careCountStore]);

/**
 * Every minute: urgent requests whose clock ran out escalate, each level once. Each escalation is
 * a warning in the log, and the overdue count a metric with an alarm on it (infra), so a missed
 * clock is impossible to overlook.
 */
export const handler = scheduledJob(runtime, async (event) => {
  const watched = await watchUrgentRequests(runtime, new Date(event.time));
  for (const raised of watched.raised) logger.warn('urgent request escalated', raised);
  metrics.addMetric('UrgentRequestsOverdue', MetricUnit.Count, watched.overdue);
  metrics.addMetric('UrgentRequestsEscalated', MetricUnit.Count, watched.raised.length);
  return { open: watched.open, overdue: watched.overdue, escalated: watched.raised.length };
});
