import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { closeDistrictDay, districtRuntime } from '@firstline/adapters';
import { addDays, dayOf, daysBetween, defaultPolicy } from '@firstline/domain';
import { logger, observe } from '@firstline/http';

const runtime = await districtRuntime();

/**
 * How far back each night's close looks again: a late upload or case for one of these days
 * revises its snapshot and the streaks after it by the next morning. Older days change only when
 * an admin closes them again.
 */
const revisionDays = 7;

/** Just after local midnight: closes the day that has just ended, and closes the week before it again. */
export const handler = middy(async (event: Pick<ScheduledEvent, 'time'>) => {
  const district = (await runtime.registry.index())?.registry.district;
  const yesterday = addDays(dayOf(new Date(event.time), district?.timeZone ?? runtime.config.timeZone), -1);
  let revisedLaterDays = 0;
  for (const date of daysBetween(addDays(yesterday, -revisionDays), yesterday)) {
    revisedLaterDays += (await closeDistrictDay(runtime, date, district?.policy ?? defaultPolicy)).revisedLaterDays;
  }
  logger.info('days closed', { yesterday, revisionDays, revisedLaterDays });
  return { date: yesterday, revisedLaterDays };
}).use(observe(runtime)).use(injectLambdaContext(logger, { resetKeys: true }));
