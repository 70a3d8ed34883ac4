import { CfnOutput, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, Function as EdgeFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HttpVersion, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { BehaviorOptions } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { CityConfig, DistrictConfig } from '@firstline/service';

export const siteStackName = 'Firstline-City-Site';

export interface CommandCenterSiteProps extends StackProps {
  readonly city: CityConfig;
  readonly cityApi: IHttpApi;
  readonly districts: readonly { readonly config: DistrictConfig; readonly api: IHttpApi }[];
  /** packages/dashboard/public: the same files the local stack serves at `/`. */
  readonly dashboardDir: string;
}

/** `https://<id>.execute-api.<region>.amazonaws.com` → the host, for an origin. */
const hostOf = (api: IHttpApi) => Fn.select(1, Fn.split('://', api.apiEndpoint));

/**
 * The command-center dashboard as a static site, laid out as `pnpm dev` is: the page at `/`, the
 * city API at `/v1/city/*` and each district's API at `/districts/<id>/*` (the prefix taken off at
 * the edge), all one origin for the browser, so no CORS and a token never leaves it.
 */
export class CommandCenterSiteStack extends Stack {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: CommandCenterSiteProps) {
    super(scope, id, props);
    const bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only built files live here; a redeploy puts them back.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const api: Omit<BehaviorOptions, 'origin'> = {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Reports are per token and per minute: nothing at the edge may answer for the API.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // With caching off this forwards Authorization; the Host must stay API Gateway's own.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const stripPrefix = new EdgeFunction(this, 'DistrictPrefix', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Maps /districts/<id>/v1/... to the district API\'s /v1/...',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; r.uri = r.uri.replace(/^\\/districts\\/[a-z0-9-]+/, '') || '/'; return r; }",
      ),
    });
    const additionalBehaviors: Record<string, BehaviorOptions> = { '/v1/city/*': { ...api, origin: new HttpOrigin(hostOf(props.cityApi)) } };
    for (const district of props.districts) {
      additionalBehaviors[`/districts/${district.config.id}/*`] = {
        ...api,
        origin: new HttpOrigin(hostOf(district.api)),
        functionAssociations: [{ function: stripPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
      };
    }
    this.distribution = new Distribution(this, 'Site', {
      comment: `Firstline ${props.city.name} command center`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      additionalBehaviors,
    });
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      distribution: this.distribution,
      sources: [
        Source.asset(props.dashboardDir),
        // What the page reads to find every API; `pnpm dev` serves the same document.
        Source.jsonData('config.json', {
          city: { id: props.city.id, name: props.city.name },
          defaultDistrict: props.districts[0]?.config.id,
          districts: props.districts.map((d) => ({ id: d.config.id, name: d.config.name, api: `/districts/${d.config.id}` })),
        }),
      ],
    });
    new CfnOutput(this, 'Url', { value: `https://${this.distribution.distributionDomainName}/`, description: 'Command-center dashboard' });
  }
}
