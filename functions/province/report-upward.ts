import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { reportBackoffSeconds, reportCaseUpward } from '@firstline/app/province/index';
import { functionRuntime } from '@firstline/adapters';
import { faultPoint, logger, metrics, MetricUnit, queueConsumer } from '@firstline/http';
import { provinceReportMessage } from '@firstline/schemas/province.schema';
import { provinceRuntime } from '@firstline/adapters/province';

const runtime = await functionRuntime('report-upward', []);
// Built on first use: a stack without a province loads this module and fails only the messages.
const province = () => provinceRuntime({ documents: runtime.clients.documents, coreTable: runtime.config.tables.core });
const queueUrl = runtime.config.queueUrls['province-reports'];
const backoffBase = Number(process.env['FIRSTLINE_PROVINCE_BACKOFF_BASE_SECONDS'] ?? 10);

/** A failed report comes back after its backoff rather than the queue's fixed visibility timeout. */
async function backOff(record: SQSRecord): Promise<void> {
  if (!queueUrl) return;
  const seconds = reportBackoffSeconds(Number(record.attributes.ApproximateReceiveCount), backoffBase);
  await (await runtime.clients.sqs()).send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }))
    .catch((error: unknown) => logger.warn('backoff not set; the queue visibility timeout applies', { error }));
}

/**
 * Reports each case event to the provincial service once (`reportCaseUpward`): a redelivered
 * message, or one whose first attempt reached the province before a crash, is not counted twice.
 * A province that cannot answer fails the message, which comes back after its backoff and, after
 * the queue's receives, waits in the dead-letter queue for a redrive.
 */
export const handler = queueConsumer(runtime, 'report-upward', provinceReportMessage, () => {
  const outcomes: Record<string, number> = {};
  return {
    message: async (event, record) => {
      try {
        const link = await province();
        if (!link) throw new Error('no provincial service configured: set FIRSTLINE_PROVINCE_URL and its link');
        faultPoint('report-upward.before-report', event.eventId);
        const { outcome } = await reportCaseUpward({
          district: runtime.district, service: link.service, ledger: link.ledger,
          people: {
            digestOf: (personId) => link.people.digestOf(personId),
            rememberColor: async (idDigest, color, at) => {
              await link.people.rememberColor(idDigest, color, at);
              // A crash after the province took the report and before the ledger: the redelivery is its duplicate.
              faultPoint('report-upward.after-report', event.eventId);
            },
          },
        }, event);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      } catch (error) {
        await backOff(record);
        throw error;
      }
    },
    settle: async ({ messages, failed }) => {
      metrics.addMetric('ProvinceReportsSent', MetricUnit.Count, (outcomes['reported'] ?? 0) + (outcomes['duplicate'] ?? 0));
      metrics.addMetric('ProvinceReportsFailed', MetricUnit.Count, failed);
      logger.info('case events reported upward', { messages, failed, ...outcomes });
    },
  };
});
