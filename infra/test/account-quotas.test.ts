import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { cityService, districtService, routeThrottles } from '@firstline/service';
import type { ServiceManifest } from '@firstline/service';
import { districtIds, loadCityConfig, loadDistrictConfig, repoRoot } from '../bin/district-configs.ts';
import { accountDemand, assumedAccountQuotas, checkAccountQuotas, unreservedNeedPerStack } from '../stacks/account-quotas.ts';
import { cityStageThrottle } from '../stacks/city.ts';
import { addFirstline } from '../stacks/firstline.ts';

const district = (id: string) => ({ name: `district ${id}`, service: districtService, stageThrottle: routeThrottles.default });
const city = { name: 'the city', service: cityService, stageThrottle: cityStageThrottle };

describe('account quotas the spike plan assumes', () => {
  it('are above the AWS defaults (1,000 concurrent executions, 10,000 requests/s), which do not hold even one district\'s plan', () => {
    const defaults = { lambdaConcurrentExecutions: 1000, apiGatewayRequestsPerSecond: 10_000 };
    expect(assumedAccountQuotas.lambdaConcurrentExecutions).toBeGreaterThan(defaults.lambdaConcurrentExecutions);
    expect(assumedAccountQuotas.apiGatewayRequestsPerSecond).toBeGreaterThan(defaults.apiGatewayRequestsPerSecond);
    expect(() => checkAccountQuotas([city, district('demo')], defaults)).toThrow(/leaves \d+ of 1000 unreserved/);
  });

  it('hold every district of the city and the city in one account, as `-c district=all` deploys them', () => {
    const demand = checkAccountQuotas([city, ...districtIds().map(district)]);
    const reservedPerDistrict = districtService.functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
    expect(demand.reservedConcurrency).toBe(reservedPerDistrict * districtIds().length);
    expect(demand.unreservedNeed).toBe(unreservedNeedPerStack * (districtIds().length + 1));
    expect(assumedAccountQuotas.lambdaConcurrentExecutions - demand.reservedConcurrency).toBeGreaterThanOrEqual(demand.unreservedNeed);
    expect(demand.apiRequestsPerSecond).toBeLessThanOrEqual(assumedAccountQuotas.apiGatewayRequestsPerSecond);
  });

  it('add up each route at its own limit or the stage default', () => {
    const service: ServiceManifest = {
      kind: 'district', tables: [], queues: [],
      functions: [
        { name: 'a', entry: 'a.ts', memoryMb: 128, timeoutSeconds: 1, reservedConcurrency: 7, routes: [
          { method: 'GET', path: '/x', roles: [], throttle: { rateLimit: 30, burstLimit: 30 } },
          { method: 'POST', path: '/x', roles: [] },
        ] },
      ],
    };
    expect(accountDemand([{ name: 's', service, stageThrottle: { rateLimit: 5, burstLimit: 5 } }])).toEqual({ reservedConcurrency: 7, unreservedNeed: unreservedNeedPerStack, apiRequestsPerSecond: 35 });
  });

  it('fail the synth, naming what does not fit, when the districts outgrow the account', () => {
    const many = Array.from({ length: 4 }, (_, i) => district(`d${i}`));
    expect(() => checkAccountQuotas([city, ...many])).toThrow(/reserved concurrency \d+ leaves -?\d+ of 3000 unreserved.*route throttles add up to \d+ requests\/s, over the account's 21000/);
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const city4 = { ...loadCityConfig(), districts: ['demo', 'riverside', 'd3', 'd4'] };
    const configs = city4.districts.map((id) => ({ ...loadDistrictConfig('demo'), id }));
    expect(() => addFirstline(app, city4, configs, repoRoot)).toThrow(/do not fit one account's quotas/);
  });
});
