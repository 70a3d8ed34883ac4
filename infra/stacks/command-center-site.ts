import { CfnOutput, DefaultStackSynthesizer, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement, StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, Function as EdgeFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HttpVersion, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
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
      // No minimumProtocolVersion: with the default *.cloudfront.net certificate CloudFront ignores it
      // (see the AwsSolutions-CFR4 acknowledgement below).
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
    this.acknowledgeNagFindings(bucket);
    new CfnOutput(this, 'Url', { value: `https://${this.distribution.distributionDomainName}/`, description: 'Command-center dashboard' });
  }

  /** The AwsSolutions findings this stack accepts, each on the resource it is about (infra/README.md lists them). */
  private acknowledgeNagFindings(bucket: Bucket): void {
    const site = Validations.of(this.distribution);
    site.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: the command center is used by city staff wherever they are (including travel and mutual aid); '
        + 'every API behind it needs a JWT from the city identity provider, and the page itself is public static files.',
    });
    site.acknowledge({
      id: 'AwsSolutions-CFR2',
      reason: 'No WAF web ACL (yet): the origin is static files plus JWT-protected HTTP APIs whose stages throttle (500 rps per district, 50 for the city); '
        + 'a CLOUDFRONT-scope web ACL (us-east-1) can be attached with webAclId when the city wants rate-based rules.',
    });
    site.acknowledge({
      id: 'AwsSolutions-CFR3',
      reason: 'No CloudFront access logs: full request paths carry pseudonymous person ids (/districts/<id>/v1/residents/{personId}); '
        + 'each API already writes an access log of route keys without paths or personal data (90 days).',
    });
    site.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The distribution uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes (it cannot be raised to TLSv1.2_2021); '
        + 'browsers negotiate TLS 1.2/1.3 anyway. With a custom domain and an ACM certificate, set minimumProtocolVersion TLS_V1_2_2021.',
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the built dashboard files (no data), is private (block all public access, OAC) and is rewritten by every deploy; '
        + 'server access logs would record nothing but CloudFront fetching static files.',
    });

    // BucketDeployment's handler: a singleton Lambda that aws-cdk-lib creates and maintains.
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('the site has no BucketDeployment handler to acknowledge findings on');
    const bucketArn = `<${this.getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>`;
    const assetBucket = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>`;
    const deployer = Validations.of(handler);
    deployer.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The CDK BucketDeployment handler logs with AWSLambdaBasicExecutionRole (log streams and events only).',
    });
    deployer.acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'The CDK BucketDeployment handler\'s runtime is chosen by aws-cdk-lib and moves with it; it runs only during deploys.',
    });
    const grants: Record<string, string> = {
      'Action::s3:GetBucket*': 'reads the CDK asset bucket (the zipped dashboard files)',
      'Action::s3:GetObject*': 'reads the CDK asset bucket (the zipped dashboard files)',
      'Action::s3:List*': 'lists the CDK asset bucket and the site bucket (to prune old files)',
      [`Resource::${assetBucket}/*`]: 'the CDK asset bucket the dashboard zip is staged in',
      'Action::s3:Abort*': 'writes the site bucket (grantReadWrite on it only)',
      'Action::s3:DeleteObject*': 'prunes files a deploy no longer has, in the site bucket only',
      [`Resource::${bucketArn}/*`]: 'every object of the site bucket, which holds only the dashboard files',
      'Resource::*': 'cloudfront:CreateInvalidation/GetInvalidation, which support no resource-level scoping in the BucketDeployment handler',
    };
    for (const [finding, why] of Object.entries(grants)) {
      deployer.acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: `CDK BucketDeployment handler: ${why}.` });
    }
  }
}
