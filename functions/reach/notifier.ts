import type { Notification } from '@firstline/domain';
import { deliverNotification } from '@firstline/app';
import { contactStore, functionRuntime, notificationLogStore, notifying } from '@firstline/adapters';
import { faultPoint, metrics, MetricUnit, queueConsumer } from '@firstline/http';
import { notificationMessage } from '@firstline/schemas';

const runtime = await functionRuntime('notifier', [contactStore, notificationLogStore, notifying]);

/**
 * Sends each notification to its consented numbers once (`deliverNotification`): the only function
 * that opens a number. Sent, failed and unconsented sends are counted as metrics; a message not yet
 * sent to everyone fails, comes back and, after its receives, waits in the dead-letter queue.
 */
export const handler = queueConsumer(runtime, 'notifier', notificationMessage, () => ({
  message: async ({ v: _v, ...notification }) => {
    const { counts, retry } = await deliverNotification(runtime, notification as Notification);
    metrics.addMetric('NotificationsSent', MetricUnit.Count, counts.sent);
    metrics.addMetric('NotificationsFailed', MetricUnit.Count, counts.failed);
    metrics.addMetric('NotificationsWithoutConsent', MetricUnit.Count, counts['no-consent']);
    faultPoint('notifier.after-send', notification.notificationId);
    if (retry) throw new Error(`notification ${notification.notificationId} not yet sent to everyone: it comes back`);
  },
}));
