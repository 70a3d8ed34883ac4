import { closeRecentDays } from '@firstline/app';
import { functionRuntime, registryStore, closeRunStore } from '@firstline/adapters';
import { logger, scheduledJob } from '@firstline/http';

const runtime = await functionRuntime('daily-close', [registryStore, closeRunStore]);

/** Just after local midnight: starts the close of the day that has just ended, then of the week before it. */
export const handler = scheduledJob(runtime, async (event) => {
  const close = await closeRecentDays(runtime, new Date(event.time));
  logger.info('close started', { closeId: close.closeId, days: close.days, then: close.then });
  return { closeId: close.closeId, days: close.days, then: close.then };
});
