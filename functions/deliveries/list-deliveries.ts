import { districtRuntime } from '@firstline/adapters';
import { httpRoute, ValidationError } from '@firstline/http';
import { deliveryView } from './delivery-view.ts';

const runtime = await districtRuntime();

/** The page cursor is DynamoDB's last key, opaque to clients. */
const encode = (key: Record<string, unknown> | undefined) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);
function decode(next: string | undefined): Record<string, unknown> | undefined {
  if (!next) return undefined;
  try {
    return JSON.parse(Buffer.from(next, 'base64url').toString()) as Record<string, unknown>;
  } catch {
    throw new ValidationError('bad page cursor', [{ path: 'next', message: 'not a cursor this API gave out' }]);
  }
}

export const handler = httpRoute(runtime, {
  route: 'GET /v1/deliveries',
  targets: ({ query }) => ({ grid: [query.gridId] }),
  run: async ({ query }) => {
    const start = decode(query.next);
    if (start && start['gsi1pk'] !== `GRIDDEL#${query.gridId}`) throw new ValidationError('bad page cursor', [{ path: 'next', message: 'cursor is for another grid' }]);
    const page = await runtime.deliveries.byGrid(query.gridId, query.status, query.limit, start);
    return { status: 200, body: { items: page.items.map(deliveryView), next: encode(page.next) } };
  },
});
