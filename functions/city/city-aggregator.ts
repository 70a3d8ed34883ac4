import { receiveDistrictDay, refreshCityDays } from '@firstline/app';
import { cityRuntime } from '@firstline/adapters';
import { faultPoint, logger, queueConsumer } from '@firstline/http';
import { withReportingKept } from '@firstline/domain';
import { districtDayMessage } from '@firstline/schemas';

const runtime = cityRuntime();

/**
 * Keeps each district's latest close of a day and the city's totals of that day. A message that is
 * not exactly a district-day aggregate (a stray field could carry personal data) is refused and
 * ends in the dead-letter queue; a redelivered or older close changes nothing.
 */
export const handler = queueConsumer(runtime, 'city-aggregator', districtDayMessage, () => {
  const dates = new Set<string>();
  return {
    message: async (day) => {
      faultPoint('city-aggregator.save');
      await receiveDistrictDay(runtime, { ...day, figures: withReportingKept(day.figures) });
      dates.add(day.date);
    },
    // Totals of every day the batch touched; a crash before this is repaired by the redelivery.
    settle: async ({ messages, failed }) => {
      await refreshCityDays(runtime, dates);
      logger.info('district days received', { messages, dates: [...dates], failed });
    },
  };
});
