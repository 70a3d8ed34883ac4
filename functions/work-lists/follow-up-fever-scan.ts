import { findFeverScan, followUpFeverScan, requireRegistry } from '@firstline/app';
import { functionRuntime, registryStore, residentStore, feverScanStore } from '@firstline/adapters';
import { httpRoute } from '@firstline/http/http-route';
import { followUpFeverScanRoute } from '@firstline/schemas';

const runtime = await functionRuntime('follow-up-fever-scan', [registryStore, residentStore, feverScanStore]);

export const handler = httpRoute(runtime, {
  route: followUpFeverScanRoute,
  // The grid is checked before the scan is looked for: another grid's worker learns nothing of its scans.
  targets: ({ body }) => ({ grid: [body.gridId] }),
  run: async ({ body, params, principal }) => {
    const scan = await findFeverScan(runtime, body.gridId, params.scanId);
    return { status: 200, body: await followUpFeverScan(runtime, (await requireRegistry(runtime)).registry, scan, body.outcome, principal.subject) };
  },
});
