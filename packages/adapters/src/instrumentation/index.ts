/**
 * Test and benchmark instrumentation, kept out of the production entry point: the local stack and
 * the benchmarks install it, functions in the cloud never import it.
 */
import { faultConfigured } from '@firstline/service';
import { onDynamoClient } from '../runtime/clients.ts';
import { meterCapacity } from './capacity-meter.ts';
import { injectWriteThrottling } from './write-throttling.ts';

export * from './capacity-meter.ts';
export * from './write-throttling.ts';

/**
 * Hooks what the environment asks for into every DynamoDB client made from now on:
 * `FIRSTLINE_METER_CAPACITY=1` (benchmarks) and `FIRSTLINE_FAULTS` with `dynamodb.write` (fault suites).
 */
export function instrumentFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  if (env['FIRSTLINE_METER_CAPACITY'] === '1') installOnce('meter', meterCapacity);
  if (faultConfigured('dynamodb.write')) installOnce('throttling', (client) => injectWriteThrottling(client));
}

/** Several stacks in one process (benchmarks) each ask; a client is metered or throttled once. */
const installed = new Set<string>();
function installOnce(name: string, hook: Parameters<typeof onDynamoClient>[0]): void {
  if (installed.has(name)) return;
  installed.add(name);
  onDynamoClient(hook);
}
