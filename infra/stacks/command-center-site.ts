import { CfnOutput, DefaultStackSynthesizer, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement, StackProps } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods, CachePolicy, Distribution, Function as EdgeFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import type { BehaviorOptions } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { CityConfig, DistrictConfig } from '@firstline/service';
import { siteContentSecurityPolicy, sitePermissionsPolicy } from '@firstline/service';
import { webAclArnOutput } from './site-firewall.ts';
import type { SiteFirewallStack } from './site-firewall.ts';

export const siteStackName = 'Firstline-City-Site';

/**
 * For the dashboard and the app under /app/: their own files only, no inline script or style (the
 * dashboard has none; infra/test checks the deployed HTML), API calls to this origin only (every API
 * is mounted on it), pictures from the app itself (QR codes drawn to data:/blob: URLs), never framed.
 * Defined once in the service manifest: the local front answers with the same policy.
 */
export { siteContentSecurityPolicy, sitePermissionsPolicy };

export interface CommandCenterSiteProps extends StackProps {
  readonly city: CityConfig;
  readonly cityApi: IHttpApi;
  readonly districts: readonly { readonly config: DistrictConfig; readonly api: IHttpApi }[];
  /** packages/dashboard/public: the same files the local stack serves at `/`. */
  readonly dashboardDir: string;
  /**
   * packages/frontline/public: the front-line app, served as `pnpm dev` serves it at each district's
   * mount (`/districts/<id>/app/`), where its relative `../v1/…` calls reach that district's API.
   */
  readonly appDir: string;
  /** The city's web ACL (us-east-1), attached to the distribution. */
  readonly firewall: SiteFirewallStack;
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
    // A bearer token sits in the page's sessionStorage: no framing, no foreign script, no sniffing.
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Firstline command center and app: CSP (self only), no framing, nosniff, no referrer, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: siteContentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Paths carry pseudonymous person ids: they never leave in a Referer.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: sitePermissionsPolicy, override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    const api: Omit<BehaviorOptions, 'origin'> = {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      responseHeadersPolicy: securityHeaders,
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
    const files = S3BucketOrigin.withOriginAccessControl(bucket);
    const appFiles = new EdgeFunction(this, 'DistrictApp', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Maps /districts/<id>/app/... to the app\'s files under /app/ (a directory to its index.html)',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; var uri = r.uri.replace(/^\\/districts\\/[a-z0-9-]+\\/app\\//, '/app/'); "
        + "if (uri.charAt(uri.length - 1) === '/') { uri += 'index.html'; } r.uri = uri; return r; }",
      ),
    });
    const additionalBehaviors: Record<string, BehaviorOptions> = { '/v1/city/*': { ...api, origin: new HttpOrigin(hostOf(props.cityApi)) } };
    for (const district of props.districts) {
      // Before the district's API behaviour: CloudFront takes the first pattern that matches.
      additionalBehaviors[`/districts/${district.config.id}/app/*`] = {
        origin: files,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: appFiles, eventType: FunctionEventType.VIEWER_REQUEST }],
      };
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
      // Read across regions at deploy time: a CLOUDFRONT web ACL exists only in us-east-1.
      webAclId: Fn.getStackOutput(props.firewall.stackName, webAclArnOutput, props.firewall.region),
      defaultBehavior: {
        origin: files,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors,
    });
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      distribution: this.distribution,
      // The app's files are the other deployment's: pruning must leave them.
      exclude: ['app/*'],
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
    new BucketDeployment(this, 'DeployApp', {
      destinationBucket: bucket,
      destinationKeyPrefix: 'app/',
      distribution: this.distribution,
      // Like `pnpm dev`: phones revalidate each file (a 304 when unchanged) and the service worker keeps them offline.
      cacheControl: [CacheControl.noCache()],
      sources: [Source.asset(props.appDir)],
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
