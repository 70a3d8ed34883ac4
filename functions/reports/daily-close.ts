import { closeRecentDays } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { logger, scheduledJob } from '@firstline/http';

const runtime = await districtRuntime();

/** Just after local midnight: closes the day that has just ended, and the week before it again. */
export const handler = scheduledJob(runtime, async (event) => {
  const closed = await closeRecentDays(runtime, new Date(event.time));
  logger.info('days closed', closed);
  return { date: closed.date, revisedLaterDays: closed.revisedLaterDays };
});
