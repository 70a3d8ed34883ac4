import { join } from 'node:path';
import type { Construct } from 'constructs';
import { cityService, districtService, routeThrottles } from '@firstline/service';
import type { CityConfig, DistrictConfig } from '@firstline/service';
import { checkAccountQuotas } from './account-quotas.ts';
import type { CityStacks } from './city.ts';
import { addCity, cityStageThrottle } from './city.ts';
import { CommandCenterSiteStack, siteStackName } from './command-center-site.ts';
import type { DistrictStacks } from './district.ts';
import { addDistrict } from './district.ts';
import { SiteFirewallStack, siteFirewallStackName } from './site-firewall.ts';

export interface FirstlineStacks {
  readonly city: CityStacks;
  readonly districts: ReadonlyMap<string, DistrictStacks>;
  /** Present when every member district is in the app: the site routes to each of their APIs. */
  readonly site?: CommandCenterSiteStack;
  /** The site's web ACL, in us-east-1; present with the site. */
  readonly firewall?: SiteFirewallStack;
}

/** The city's stacks, the given districts' stacks (each sending its closes to the city), and the site. */
export function addFirstline(scope: Construct, city: CityConfig, configs: readonly DistrictConfig[], repoRoot: string): FirstlineStacks {
  const outside = configs.filter((c) => !city.districts.includes(c.id));
  if (outside.length > 0) throw new Error(`${outside.map((c) => c.id).join(', ')} not in infra/city.json's districts`);
  // Every stack of the app shares one account's Lambda concurrency and API Gateway rate: check before building.
  checkAccountQuotas([
    { name: 'the city', service: cityService, stageThrottle: cityStageThrottle },
    ...configs.map((c) => ({ name: `district ${c.id}`, service: districtService, stageThrottle: routeThrottles.default })),
  ]);
  const cityStacks = addCity(scope, city, { repoRoot });
  const cityLink = { id: city.id, queue: cityStacks.data.queues.queues['city-rollup']! };
  const districts = new Map(configs.map((config) => {
    const stacks = addDistrict(scope, config, { repoRoot, city: cityLink });
    stacks.api.addStackDependency(cityStacks.data, "a district's close sends to the city's queue");
    return [config.id, stacks] as const;
  }));
  if (!city.districts.every((id) => districts.has(id))) return { city: cityStacks, districts };

  const firewall = new SiteFirewallStack(scope, siteFirewallStackName, {
    tags: { 'firstline:city': city.id },
    description: `Firstline ${city.name}: the command-center site's web ACL (CLOUDFRONT scope, us-east-1)`,
  });
  const site = new CommandCenterSiteStack(scope, siteStackName, {
    city,
    firewall,
    cityApi: cityStacks.api.http.api,
    districts: configs.map((config) => ({ config, api: districts.get(config.id)!.api.http.api })),
    dashboardDir: join(repoRoot, 'packages', 'dashboard', 'public'),
    appDir: join(repoRoot, 'packages', 'frontline', 'public'),
    tags: { 'firstline:city': city.id },
    description: `Firstline ${city.name}: command-center dashboard (static site) in front of the city and district APIs`,
  });
  site.addStackDependency(firewall, 'the distribution attaches the web ACL');
  site.addStackDependency(cityStacks.api, 'the site routes /v1/city/* to the city API');
  for (const stacks of districts.values()) site.addStackDependency(stacks.api, 'the site routes /districts/<id>/* to each district API');
  return { city: cityStacks, districts, site, firewall };
}
