import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { districtKeys, districtService, envNames, functions, queues, routeThrottles } from '@firstline/service';
import type { DistrictConfig, DistrictKey, QueueName, TableName } from '@firstline/service';
import { HttpRoutes } from '../constructs/http-routes.ts';
import { Observability } from '../constructs/observability.ts';
import { Schedules } from '../constructs/schedules.ts';
import { ServiceFunctions } from '../constructs/service-functions.ts';

/** The name of the secret holding one of a district's keys: under the district's `secretName`. */
export function districtKeySecretName(secretName: string, key: DistrictKey): string {
  return `${secretName}/${key}`;
}

export interface DistrictApiStackProps extends StackProps {
  readonly config: DistrictConfig;
  /** The district's tables and queues, from its data stack. */
  readonly tables: Readonly<Record<TableName, ITable>>;
  readonly queues: Readonly<Record<QueueName, IQueue>>;
  /** Each queue's dead-letter queue: alarmed on and graphed here. */
  readonly deadLetterQueues: Readonly<Record<QueueName, IQueue>>;
  /** The key of the residents' consented phone numbers, from the data stack. */
  readonly contactKey: IKey;
  /** The city the district reports to: its id (whose command tokens read this district) and its queue. */
  readonly city: { readonly id: string; readonly queue: IQueue };
  readonly repoRoot: string;
}

/** A district's stateless part: functions, the HTTP API behind the JWT authorizer, schedules. */
export class DistrictApiStack extends Stack {
  readonly http: HttpRoutes;
  readonly service: ServiceFunctions;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: DistrictApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.service = new ServiceFunctions(this, 'Functions', {
      service: districtService,
      repoRoot: props.repoRoot,
      district: config.id,
      timeZone: config.timeZone,
      tables: props.tables,
      queues: { ...props.queues, 'city-rollup': props.city.queue },
      environment: { [envNames.city]: props.city.id },
      // One secret per key, created by ops before the first deploy (see infra/README.md), never part of
      // a template: `<secretName>/pseudonym-key`, `/code-signing-key`, `/code-public-key`.
      keys: Object.fromEntries(districtKeys.map((key) => [key, Secret.fromSecretNameV2(this, `Key-${key}`, districtKeySecretName(config.secretName, key))])),
      // The province's link is a secret ops create from what the province gives (infra/README.md).
      province: config.province
        ? { url: config.province.url, link: Secret.fromSecretNameV2(this, 'ProvinceLink', config.province.linkSecretName) }
        : undefined,
      contactKey: props.contactKey,
      logRetention: RetentionDays.THREE_MONTHS,
    });
    this.http = new HttpRoutes(this, 'Http', {
      specs: functions,
      functions: this.service.functions,
      apiName: `firstline-${config.id}`,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      // The stage's default route settings: every route without its own throttle in the manifest.
      throttle: routeThrottles.default,
      logRetention: RetentionDays.THREE_MONTHS,
    });
    new Schedules(this, 'Schedules', { specs: functions, functions: this.service.functions, timeZone: config.timeZone });
    this.observability = new Observability(this, 'Observability', {
      district: config.id,
      functions: this.service.functions,
      // The district's own queues; the city's roll-up queue is watched by the city stack.
      queues: queues.map((q) => ({ name: q.name, queue: props.queues[q.name], deadLetterQueue: props.deadLetterQueues[q.name] })),
      api: this.http.api,
      alarmEmail: config.alarmEmail,
      watchesDistrictJobs: true,
    });
    new CfnOutput(this, 'ApiUrl', { value: this.http.stage.url, description: `Firstline ${config.name} API` });
  }
}
