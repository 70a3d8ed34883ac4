import { timed } from '../meters.ts';

/** The real aggregator, counted and timed; its own module instance per container, as Lambda. */
const real = (await import(`../../../functions/scans/scan-aggregator.ts${new URL(import.meta.url).search}`)) as { handler: Parameters<typeof timed>[1] };
export const handler = timed('scan-aggregator', real.handler);
