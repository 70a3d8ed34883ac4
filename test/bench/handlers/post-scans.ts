import { timed } from '../meters.ts';

/**
 * The real verdict route, counted and timed. Each container (`?container=n`) imports its own
 * instance of the handler module, as packages/local does for the entry itself.
 */
const real = (await import(`../../../functions/scans/post-scans.ts${new URL(import.meta.url).search}`)) as { handler: Parameters<typeof timed>[1] };
export const handler = timed('post-scans', real.handler);
