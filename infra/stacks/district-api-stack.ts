import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { functions } from '@firstline/service';
import type { DistrictConfig } from '@firstline/service';
import { HttpRoutes } from '../constructs/http-routes.ts';
import { Schedules } from '../constructs/schedules.ts';
import { ServiceFunctions } from '../constructs/service-functions.ts';
import type { DistrictDataStack } from './district-data-stack.ts';

export interface DistrictApiStackProps extends StackProps {
  readonly config: DistrictConfig;
  readonly data: DistrictDataStack;
  readonly repoRoot: string;
}

/** A district's stateless part: functions, HTTP API with its JWT authorizer, schedules. */
export class DistrictApiStack extends Stack {
  constructor(scope: Construct, id: string, props: DistrictApiStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    const service = new ServiceFunctions(this, 'Functions', {
      specs: functions,
      repoRoot: props.repoRoot,
      district: config.id,
      timeZone: config.timeZone,
      tables: data.tables.tables,
      queues: data.queues.queues,
      secret: Secret.fromSecretNameV2(this, 'DistrictSecret', config.secretName),
    });
    const http = new HttpRoutes(this, 'Http', {
      specs: functions,
      functions: service.functions,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      throttle: { rate: 500, burst: 1000 },
    });
    new Schedules(this, 'Schedules', { specs: functions, functions: service.functions, timeZone: config.timeZone });
    new CfnOutput(this, 'ApiUrl', { value: http.api.apiEndpoint });
  }
}
