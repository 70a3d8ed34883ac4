import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { districtRuntime } from '@firstline/adapters';
import { addDays, closeDay, dayOf, defaultPolicy } from '@firstline/domain';
import { logger } from '@firstline/http';
import { closePorts } from './close-day-ports.ts';

const runtime = await districtRuntime();

/** Just after local midnight: closes the day that has just ended in the district's time zone. */
export const handler = middy(async (event: Pick<ScheduledEvent, 'time'>) => {
  const district = (await runtime.registry.index())?.registry.district;
  const date = addDays(dayOf(new Date(event.time), district?.timeZone ?? runtime.config.timeZone), -1);
  const closed = await closeDay(date, district?.policy ?? defaultPolicy, closePorts(runtime));
  logger.info('day closed', { date, grids: closed.grids });
  return { date, ...closed };
}).use(injectLambdaContext(logger, { resetKeys: true }));
