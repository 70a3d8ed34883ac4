import type { RouteThrottle, ServiceManifest } from '@firstline/service';

/**
 * What the spike plan assumes of the one AWS account and region the app's stacks deploy to. Both are
 * raised on request (Service Quotas for Lambda; AWS Support for API Gateway); the defaults, 1,000
 * concurrent executions and 10,000 requests/s, hold one Wuchang-sized district's spike only barely
 * (Lambda) or not with a second district spiking in the same morning (API Gateway).
 */
export const assumedAccountQuotas = {
  /** Lambda concurrent executions, shared by every function of every stack in the region. */
  lambdaConcurrentExecutions: 3000,
  /**
   * API Gateway steady requests per second, shared by every API of the account in the region: two
   * districts' gates (7,000 each), every other route of both at its limit, and the city's. The
   * testing rounds' routes (~200/s a district) took it past 20,000: ask for 21,000.
   */
  apiGatewayRequestsPerSecond: 21_000,
} as const;

export type AccountQuotas = { readonly [K in keyof typeof assumedAccountQuotas]: number };

/** Lambda refuses a reservation that would leave less than this unreserved. */
export const lambdaUnreservedMinimum = 100;

/**
 * What one stack's functions without a reservation may need at once: its default-throttled routes
 * (a dozen at 100 requests/s and under 100 ms each: ~120), the dispatcher's consumers and the close.
 */
export const unreservedNeedPerStack = 200;

/** One API stack as the quota check sees it: its manifest and the bucket its unthrottled routes share. */
export interface StackDemandInput {
  readonly name: string;
  readonly service: ServiceManifest;
  readonly stageThrottle: RouteThrottle;
}

export interface AccountDemand {
  /** Σ reserved concurrency of every function. */
  readonly reservedConcurrency: number;
  /** What the unreserved functions may need at once (unreservedNeedPerStack each). */
  readonly unreservedNeed: number;
  /** Σ every route's steady rate: what the APIs may pass when every route is at its limit. */
  readonly apiRequestsPerSecond: number;
}

export function accountDemand(stacks: readonly StackDemandInput[]): AccountDemand {
  let reservedConcurrency = 0;
  let apiRequestsPerSecond = 0;
  for (const { service, stageThrottle } of stacks) {
    for (const fn of service.functions) {
      reservedConcurrency += fn.reservedConcurrency ?? 0;
      for (const route of fn.routes ?? []) apiRequestsPerSecond += (route.throttle ?? stageThrottle).rateLimit;
    }
  }
  return { reservedConcurrency, unreservedNeed: unreservedNeedPerStack * stacks.length, apiRequestsPerSecond };
}

/**
 * Fails the synth when the stacks of the app would not fit the account together: reservations that
 * Lambda would refuse or that leave the other functions too little, or routes whose limits add up
 * past the account's API Gateway rate (then a report could take a gate's share after all).
 */
export function checkAccountQuotas(stacks: readonly StackDemandInput[], quotas: AccountQuotas = assumedAccountQuotas): AccountDemand {
  const demand = accountDemand(stacks);
  const names = stacks.map((s) => s.name).join(', ');
  const problems: string[] = [];
  const unreserved = quotas.lambdaConcurrentExecutions - demand.reservedConcurrency;
  if (unreserved < Math.max(lambdaUnreservedMinimum, demand.unreservedNeed)) {
    problems.push(`reserved concurrency ${demand.reservedConcurrency} leaves ${unreserved} of ${quotas.lambdaConcurrentExecutions} unreserved; `
      + `Lambda needs ${lambdaUnreservedMinimum} and the other functions ~${demand.unreservedNeed}`);
  }
  if (demand.apiRequestsPerSecond > quotas.apiGatewayRequestsPerSecond) {
    problems.push(`route throttles add up to ${demand.apiRequestsPerSecond} requests/s, over the account's ${quotas.apiGatewayRequestsPerSecond}`);
  }
  if (problems.length > 0) {
    throw new Error(`${names} do not fit one account's quotas (infra/stacks/account-quotas.ts): ${problems.join('; ')}. `
      + 'Raise the quotas (and assumedAccountQuotas), or deploy some districts to another account.');
  }
  return demand;
}
