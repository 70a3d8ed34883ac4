import { findFeverScan, followUpFeverScan, requireRegistry } from '@firstline/app';
import { districtRuntime } from '@firstline/adapters';
import { httpRoute } from '@firstline/http';

const runtime = await districtRuntime();

export const handler = httpRoute(runtime, {
  route: 'POST /v1/work-lists/fever-scans/{scanId}/follow-up',
  // The grid is checked before the scan is looked for: another grid's worker learns nothing of its scans.
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, params, principal }) => {
    const scan = await findFeverScan(runtime, body.gridId, params.scanId);
    return { status: 200, body: await followUpFeverScan(runtime, (await requireRegistry(runtime)).registry, scan, body.outcome, principal.subject) };
  },
});
