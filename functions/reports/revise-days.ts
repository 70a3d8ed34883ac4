import type { DayRevision } from '@firstline/domain';
import { reviseDays } from '@firstline/app/closing/revise-days';
import { functionRuntime, registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore, careCountStore } from '@firstline/adapters';
import { logger, queueConsumer } from '@firstline/http';
import { dayRevisionMessage } from '@firstline/schemas';

const runtime = await functionRuntime('revise-days', [registryStore, scanCountStore, caseStore, snapshotStore, deliveryStore, gridLogStore, careCountStore]);

/**
 * Closes again the grid-days a late case, a release or an approved late log changed: the batch's
 * revisions together, each grid once from its earliest day (`reviseDays`). A failure fails the
 * batch, which comes back whole; revising is idempotent.
 */
export const handler = queueConsumer(runtime, 'revise-days', dayRevisionMessage, () => {
  const asked: DayRevision[] = [];
  return {
    message: async ({ gridId, day }) => void asked.push({ gridId, day }),
    settle: async ({ messages }) => {
      const revised = await reviseDays(runtime, asked);
      logger.info('closed days revised', { messages, ...revised });
    },
  };
});
