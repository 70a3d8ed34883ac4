import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';
import { loadResident } from './load-resident.ts';

const runtime = await districtRuntime();

/** What a gate worker sees at a glance: the last 14 days of scans and temperatures. */
const historyDays = 14;

export const handler = httpRoute(runtime, {
  route: 'GET /v1/residents/{personId}',
  load: ({ params }) => loadResident(runtime, params.personId),
  targets: (_request, resident) => ({ grid: [resident.gridId] }),
  run: async (_request, resident) => {
    const since = new Date(Date.now() - historyDays * 86_400_000).toISOString();
    const scans = await runtime.scans.history(resident.personId, since);
    return {
      status: 200,
      body: {
        ...resident,
        recentScans: scans.map(({ at, checkpointId, direction, temperatureC, verdict, reason }) => ({ at, checkpointId, direction, temperatureC, verdict, reason })),
        temperatures: scans.map(({ at, temperatureC }) => ({ at, temperatureC })),
      },
    };
  },
});
