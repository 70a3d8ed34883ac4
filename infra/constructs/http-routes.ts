import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FunctionSpec } from '@firstline/service';

export interface HttpRoutesProps {
  readonly specs: readonly FunctionSpec[];
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Requests per second and burst for the whole stage, before any function runs. */
  readonly throttle: { readonly rate: number; readonly burst: number };
}

/** The district's HTTP API: every manifest route behind the identity provider's JWT authorizer. */
export class HttpRoutes extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: HttpRoutesProps) {
    super(scope, id);
    const authorizer = new HttpJwtAuthorizer('Jwt', props.issuer, { jwtAudience: [...props.audience] });
    this.api = new HttpApi(this, 'Api', { description: 'Firstline district API (v1)' });
    const stage = this.api.defaultStage?.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = { throttlingRateLimit: props.throttle.rate, throttlingBurstLimit: props.throttle.burst };
    for (const spec of props.specs) {
      if (!spec.routes?.length) continue;
      const integration = new HttpLambdaIntegration(`${spec.name}-integration`, props.functions.get(spec.name)!);
      for (const route of spec.routes) {
        this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer });
      }
    }
  }
}
