import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { cityService, envNames } from '@firstline/service';
import type { CityConfig } from '@firstline/service';
import { DistrictQueues } from '../constructs/district-queues.ts';
import { DistrictTables } from '../constructs/district-tables.ts';
import { HttpRoutes } from '../constructs/http-routes.ts';
import { Observability } from '../constructs/observability.ts';
import { ServiceFunctions } from '../constructs/service-functions.ts';

export const cityDataStackName = 'Firstline-City-Data';

/**
 * Every city route without its own throttle (the API document has one, the reports theirs): one
 * command center reads it, so this is a safety net, not a limit anyone meets.
 */
export const cityStageThrottle = { rateLimit: 50, burstLimit: 100 } as const;
export const cityApiStackName = 'Firstline-City-Api';

/** The city's table and the queue every member district's close sends to; retained like a district's. */
export class CityDataStack extends Stack {
  readonly tables: DistrictTables;
  readonly queues: DistrictQueues;

  constructor(scope: Construct, id: string, props: StackProps & { readonly config: CityConfig }) {
    super(scope, id, { ...props, terminationProtection: true });
    this.tables = new DistrictTables(this, 'Tables', { specs: cityService.tables, retain: props.config.retainData });
    this.queues = new DistrictQueues(this, 'Queues', { specs: cityService.queues, retain: props.config.retainData });
    new CfnOutput(this, 'CityRollupQueueUrl', { value: this.queues.queues['city-rollup']!.queueUrl });
  }
}

export interface CityApiStackProps extends StackProps {
  readonly config: CityConfig;
  readonly data: CityDataStack;
  readonly repoRoot: string;
}

/** The city aggregator and the city report route behind the city's JWT authorizer. */
export class CityApiStack extends Stack {
  readonly http: HttpRoutes;
  readonly service: ServiceFunctions;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: CityApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.service = new ServiceFunctions(this, 'Functions', {
      service: cityService,
      repoRoot: props.repoRoot,
      district: config.id,
      timeZone: config.timeZone,
      tables: props.data.tables.tables,
      queues: props.data.queues.queues,
      environment: { [envNames.cityName]: config.name, [envNames.cityDistricts]: config.districts.join(',') },
      logRetention: RetentionDays.THREE_MONTHS,
    });
    this.http = new HttpRoutes(this, 'Http', {
      specs: cityService.functions,
      functions: this.service.functions,
      apiName: `firstline-${config.id}`,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      throttle: cityStageThrottle,
      logRetention: RetentionDays.THREE_MONTHS,
    });
    const { queues, deadLetterQueues } = props.data.queues;
    this.observability = new Observability(this, 'Observability', {
      district: config.id,
      functions: this.service.functions,
      queues: cityService.queues.map((q) => ({ name: q.name, queue: queues[q.name], deadLetterQueue: deadLetterQueues[q.name] })),
      api: this.http.api,
      alarmEmail: config.alarmEmail,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.http.stage.url, description: `Firstline ${config.name} city API` });
  }
}

export interface CityStacks {
  readonly data: CityDataStack;
  readonly api: CityApiStack;
}

export function addCity(scope: Construct, config: CityConfig, options: { readonly repoRoot: string }): CityStacks {
  const tags = { 'firstline:city': config.id };
  const data = new CityDataStack(scope, cityDataStackName, { config, tags, description: `Firstline ${config.name}: city table and roll-up queue (retained)` });
  const api = new CityApiStack(scope, cityApiStackName, { config, data, repoRoot: options.repoRoot, tags, description: `Firstline ${config.name}: city aggregator and report API` });
  api.addStackDependency(data, 'the aggregator reads the roll-up queue and writes the city table');
  return { data, api };
}
