import { citySeries } from '@firstline/app';
import { cityRuntime } from '@firstline/adapters';
import { defaultPolicy, withSmallCellsHidden } from '@firstline/domain';
import { httpRoute } from '@firstline/http/http-route';
import { cityReportSeriesRoute } from '@firstline/schemas';

const runtime = cityRuntime();

export const handler = httpRoute(runtime, {
  route: cityReportSeriesRoute,
  // The city is outside every district: small counts of persons read as below k.
  run: async ({ query }) => {
    const series = await citySeries(runtime, query.from, query.to);
    return { status: 200, body: { ...series, days: series.days.map((day) => withSmallCellsHidden(day, defaultPolicy.smallCellK)) } };
  },
});
