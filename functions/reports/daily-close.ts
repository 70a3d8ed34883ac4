import { closeRecentDays } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { logger, scheduledJob } from '@firstline/http';

const runtime = await districtRuntime();

/** Just after local midnight: starts the close of the day that has just ended, then of the week before it. */
export const handler = scheduledJob(runtime, async (event) => {
  const close = await closeRecentDays(runtime, new Date(event.time));
  logger.info('close started', { closeId: close.closeId, days: close.days, then: close.then });
  return { closeId: close.closeId, days: close.days, then: close.then };
});
