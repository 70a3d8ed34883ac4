import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export const siteFirewallStackName = 'Firstline-City-Edge';
/** A CLOUDFRONT-scope web ACL can only be created in us-east-1, wherever the rest of the city runs. */
export const siteFirewallRegion = 'us-east-1';
/** The output the site stack reads (Fn::GetStackOutput across regions) to attach the web ACL. */
export const webAclArnOutput = 'WebAclArn';

/**
 * Requests one caller may make in `windowSeconds`, per path group (AWS WAF rate-based rules). The
 * caller is the `Authorization` header's value (a bearer token): requests without one are not counted
 * by these, and are limited per IP address instead (static files, the API document).
 */
export const callerRateLimits = {
  windowSeconds: 60,
  /**
   * A busy gate admits a person every 1.5-2 s (30-40 live requests a minute), plus backlog uploads
   * and retries: 300 a minute lets five devices share a token and keeps one token from flooding.
   */
  gateScans: 300,
  /** A dashboard view is 3-5 report requests; one a second is a person clicking fast. */
  reports: 60,
  /** Cases, logs, deliveries, registry: people typing, not devices. */
  writes: 120,
  /** Everything a token does, whatever the path. */
  anyRoute: 600,
  /** Without a token, per IP: a dashboard or app load is tens of files, and NAT puts many users behind one address. */
  anonymousPerIp: 1000,
} as const;

const none = [{ priority: 0, type: 'NONE' }];
const pathEndsWith = (suffix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'ENDS_WITH', searchString: suffix, textTransformations: none },
});
const pathContains = (part: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'CONTAINS', searchString: part, textTransformations: none },
});
const methodIs = (method: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: method, textTransformations: none },
});
const not = (statement: CfnWebACL.StatementProperty): CfnWebACL.StatementProperty => ({ notStatement: { statement } });
const all = (...statements: CfnWebACL.StatementProperty[]): CfnWebACL.StatementProperty => ({ andStatement: { statements } });
const hasAuthorization: CfnWebACL.StatementProperty = {
  sizeConstraintStatement: { fieldToMatch: { singleHeader: { Name: 'authorization' } }, comparisonOperator: 'GT', size: 0, textTransformations: none },
};

/** Gate scans: `POST …/v1/scans`, with or without the `/districts/<id>` prefix. */
export const gateScanRequests = all(methodIs('POST'), pathEndsWith('/v1/scans'));
/** District and city reports. */
export const reportRequests = all(methodIs('GET'), pathContains('/reports/'));
/** Every other write. */
export const writeRequests = all(not(methodIs('GET')), not(pathEndsWith('/v1/scans')));

/** Sampled requests would keep bearer tokens in the console for hours: metrics only. */
const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false });

/** The API's error shape and status for "slow down" (API.md), so clients handle WAF and API alike. */
const throttledBody = 'throttled';
const blockAsThrottled: CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, customResponseBodyKey: throttledBody, responseHeaders: [{ name: 'retry-after', value: String(callerRateLimits.windowSeconds) }] } },
};

function perCaller(name: string, priority: number, limit: number, scopeDownStatement?: CfnWebACL.StatementProperty): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: blockAsThrottled,
    visibilityConfig: visibility(name),
    statement: {
      rateBasedStatement: {
        limit,
        evaluationWindowSec: callerRateLimits.windowSeconds,
        aggregateKeyType: 'CUSTOM_KEYS',
        customKeys: [{ header: { name: 'authorization', textTransformations: none } }],
        ...(scopeDownStatement ? { scopeDownStatement } : {}),
      },
    },
  };
}

/**
 * The city site's web ACL. WAF cannot be associated with an HTTP API (only REST APIs, ALBs, AppSync,
 * Cognito, App Runner, Verified Access, Amplify, and CloudFront), so it sits on the distribution
 * that fronts the city API and every district API under /districts/<id>/; the HTTP APIs keep their
 * own per-route throttles behind it. Its own stack, because a CLOUDFRONT web ACL lives in us-east-1.
 */
export class SiteFirewallStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: siteFirewallRegion } });
    const limits = callerRateLimits;
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Firstline city site: per-caller rate limits per path group, known bad inputs',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('FirstlineSite'),
      customResponseBodies: {
        [throttledBody]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ error: { code: 'throttled', message: `Too many requests from this caller; retry in ${limits.windowSeconds} s.` } }),
        },
      },
      rules: [
        {
          // Log4Shell-style payloads, exploitable paths: no false positives on JSON APIs or static files.
          name: 'KnownBadInputs',
          priority: 0,
          overrideAction: { none: {} },
          visibilityConfig: visibility('KnownBadInputs'),
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
        },
        perCaller('GateScansPerCaller', 1, limits.gateScans, gateScanRequests),
        perCaller('ReportsPerCaller', 2, limits.reports, reportRequests),
        perCaller('WritesPerCaller', 3, limits.writes, writeRequests),
        perCaller('AnyRoutePerCaller', 4, limits.anyRoute),
        {
          name: 'AnonymousPerIp',
          priority: 5,
          action: blockAsThrottled,
          visibilityConfig: visibility('AnonymousPerIp'),
          statement: {
            rateBasedStatement: {
              limit: limits.anonymousPerIp,
              evaluationWindowSec: limits.windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: not(hasAuthorization),
            },
          },
        },
      ],
    });
    new CfnOutput(this, webAclArnOutput, { value: this.webAcl.attrArn, description: 'The web ACL the city site attaches (CLOUDFRONT scope)' });
  }
}
