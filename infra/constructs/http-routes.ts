import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnStage, HttpRoute, HttpStage, ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { FunctionSpec } from '@firstline/service';

export interface HttpRoutesProps {
  readonly specs: readonly FunctionSpec[];
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly apiName: string;
  /** The district's identity provider: tokens it did not issue for this audience never reach a function. */
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Every route without its own `throttle` in the manifest gets this bucket (each route its own). */
  readonly throttle: ThrottleSettings;
  readonly logRetention: RetentionDays;
}

/**
 * One line per request. Route keys, not paths: a path can carry a person's pseudonym, and access
 * logs need no personal data.
 */
const accessLogFormat = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
}));

/** The district's HTTP API: every manifest route, each behind the identity provider's JWT authorizer. */
export class HttpRoutes extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: HttpRoutesProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Firstline district API (v1)',
      // Created below, so it can carry throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });

    const authorizer = new HttpJwtAuthorizer('Jwt', props.issuer, { jwtAudience: [...props.audience] });
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    const throttledRoutes: HttpRoute[] = [];
    for (const spec of props.specs) {
      if (!spec.routes?.length) continue;
      const fn = props.functions.get(spec.name);
      if (!fn) throw new Error(`no function built for ${spec.name}, which declares routes`);
      const integration = new HttpLambdaIntegration(`${spec.name}-integration`, fn);
      for (const route of spec.routes) {
        // A public route (the API document) has no authorizer; every other route is behind the JWT one.
        const [added] = this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, ...(route.public ? {} : { authorizer }) });
        if (route.throttle) {
          routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: route.throttle.rateLimit, ThrottlingBurstLimit: route.throttle.burstLimit };
          throttledRoutes.push(added!);
        }
        if (route.public) {
          Validations.of(added!).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is the stack's OpenAPI document, generated from the contracts: public by design (scanner vendors generate clients from it), read-only, no data, behind its own route throttle.`,
          });
        }
      }
    }
    // Each declared route gets its own bucket. API Gateway refuses settings for a route key it does not
    // have yet ("Unable to find Route by key"), so the stage is created after those routes.
    if (throttledRoutes.length > 0) {
      (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
      for (const route of throttledRoutes) this.stage.node.addDependency(route);
    }
  }
}
