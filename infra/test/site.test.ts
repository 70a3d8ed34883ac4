import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCityConfig, loadDistrictConfig, repoRoot, selectDistricts } from '../bin/district-configs.ts';
import { siteContentSecurityPolicy } from '../stacks/command-center-site.ts';
import { addFirstline } from '../stacks/firstline.ts';
import type { FirstlineStacks } from '../stacks/firstline.ts';
import { callerRateLimits, siteFirewallRegion, siteFirewallStackName, webAclArnOutput } from '../stacks/site-firewall.ts';
import { cdkJsonContext } from './synth.ts';
import { ofType } from './template-refs.ts';

let stacks: FirstlineStacks;
let site: Template;
let firewall: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  stacks = addFirstline(app, loadCityConfig(), selectDistricts('all').map(loadDistrictConfig), repoRoot);
  site = Template.fromStack(stacks.site!);
  firewall = Template.fromStack(stacks.firewall!);
});

type Statement = Record<string, unknown>;
interface Rule { Name: string; Priority: number; Action?: Record<string, unknown>; Statement: Statement }

const distribution = () => ofType(site, 'AWS::CloudFront::Distribution')[0]![1].Properties!['DistributionConfig'] as Record<string, unknown>;
const webAcl = () => ofType(firewall, 'AWS::WAFv2::WebACL')[0]![1].Properties!;
const rules = () => webAcl()['Rules'] as Rule[];
const rule = (name: string) => rules().find((r) => r.Name === name)!;
const rateOf = (name: string) => rule(name).Statement['RateBasedStatement'] as {
  Limit: number; EvaluationWindowSec: number; AggregateKeyType: string; CustomKeys?: unknown[]; ScopeDownStatement?: Statement;
};

/** Whether a WAF statement matches a request: enough of WAF's semantics for the statements used here. */
function matches(statement: Statement, request: { method: string; path: string; authorization?: string }): boolean {
  const [kind, body] = Object.entries(statement)[0] as [string, Record<string, unknown>];
  switch (kind) {
    case 'AndStatement': return (body['Statements'] as Statement[]).every((s) => matches(s, request));
    case 'NotStatement': return !matches(body['Statement'] as Statement, request);
    case 'ByteMatchStatement': {
      const field = body['FieldToMatch'] as Record<string, unknown>;
      const value = 'Method' in field ? request.method : request.path;
      const search = body['SearchString'] as string;
      return { EXACTLY: value === search, ENDS_WITH: value.endsWith(search), CONTAINS: value.includes(search), STARTS_WITH: value.startsWith(search) }[body['PositionalConstraint'] as 'EXACTLY'];
    }
    case 'SizeConstraintStatement': {
      const header = ((body['FieldToMatch'] as { SingleHeader: { Name: string } }).SingleHeader.Name);
      expect(header).toBe('authorization');
      expect(body['ComparisonOperator']).toBe('GT');
      return (request.authorization ?? '').length > (body['Size'] as number);
    }
    default: throw new Error(`statement ${kind} is not modelled here`);
  }
}

describe('site web ACL (WAF on the CloudFront distribution, since an HTTP API takes none)', () => {
  it('is a CLOUDFRONT-scope web ACL in its own us-east-1 stack, which the site depends on', () => {
    expect(stacks.firewall!.stackName).toBe(siteFirewallStackName);
    expect(stacks.firewall!.region).toBe(siteFirewallRegion);
    expect(siteFirewallRegion).toBe('us-east-1');
    expect(webAcl()).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    expect(stacks.site!.dependencies).toContain(stacks.firewall);
  });

  it('is attached to the distribution, read across regions from the firewall stack\'s output', () => {
    expect(distribution()['WebACLId']).toEqual({ 'Fn::GetStackOutput': { StackName: siteFirewallStackName, OutputName: webAclArnOutput, Region: siteFirewallRegion } });
    const outputs = firewall.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
    const [aclId] = ofType(firewall, 'AWS::WAFv2::WebACL')[0]!;
    expect(outputs[webAclArnOutput]!.Value).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('limits each caller (the Authorization header) per path group, over one minute', () => {
    const perCaller = { GateScansPerCaller: callerRateLimits.gateScans, ReportsPerCaller: callerRateLimits.reports, WritesPerCaller: callerRateLimits.writes, AnyRoutePerCaller: callerRateLimits.anyRoute };
    for (const [name, limit] of Object.entries(perCaller)) {
      expect(rateOf(name), name).toMatchObject({
        Limit: limit,
        EvaluationWindowSec: 60,
        AggregateKeyType: 'CUSTOM_KEYS',
        CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
      });
    }
    expect(callerRateLimits.reports).toBeLessThan(callerRateLimits.gateScans);
    expect(callerRateLimits.writes).toBeLessThan(callerRateLimits.gateScans);
  });

  it('puts each request in the path group it belongs to, on district mounts and the city API alike', () => {
    const scope = (name: string) => rateOf(name).ScopeDownStatement!;
    const cases: { request: { method: string; path: string }; groups: string[] }[] = [
      { request: { method: 'POST', path: '/districts/demo/v1/scans' }, groups: ['GateScansPerCaller'] },
      { request: { method: 'GET', path: '/districts/demo/v1/reports/series' }, groups: ['ReportsPerCaller'] },
      { request: { method: 'GET', path: '/v1/city/reports/daily' }, groups: ['ReportsPerCaller'] },
      { request: { method: 'POST', path: '/districts/riverside/v1/cases' }, groups: ['WritesPerCaller'] },
      { request: { method: 'PUT', path: '/districts/demo/v1/registry' }, groups: ['WritesPerCaller'] },
      { request: { method: 'GET', path: '/districts/demo/v1/residents/p-1' }, groups: [] },
      { request: { method: 'GET', path: '/index.html' }, groups: [] },
    ];
    for (const { request, groups } of cases) {
      const hit = ['GateScansPerCaller', 'ReportsPerCaller', 'WritesPerCaller'].filter((name) => matches(scope(name), request));
      expect(hit, `${request.method} ${request.path}`).toEqual(groups);
    }
    expect(rateOf('AnyRoutePerCaller').ScopeDownStatement).toBeUndefined();
  });

  it('limits requests without a token per IP address, and never counts a token\'s requests there', () => {
    const anonymous = rateOf('AnonymousPerIp');
    expect(anonymous).toMatchObject({ Limit: callerRateLimits.anonymousPerIp, EvaluationWindowSec: 60, AggregateKeyType: 'IP' });
    expect(matches(anonymous.ScopeDownStatement!, { method: 'GET', path: '/app.js' })).toBe(true);
    expect(matches(anonymous.ScopeDownStatement!, { method: 'POST', path: '/districts/demo/v1/scans', authorization: 'Bearer x.y.z' })).toBe(false);
  });

  it('answers a caller over its limit with 429 in the API\'s error shape and a Retry-After', () => {
    const rateRules = rules().filter((r) => 'RateBasedStatement' in r.Statement);
    expect(rateRules).toHaveLength(5);
    const bodies = webAcl()['CustomResponseBodies'] as Record<string, { ContentType: string; Content: string }>;
    for (const r of rateRules) {
      const response = (r.Action as { Block: { CustomResponse: { ResponseCode: number; CustomResponseBodyKey: string; ResponseHeaders: { Name: string; Value: string }[] } } }).Block.CustomResponse;
      expect(response.ResponseCode, r.Name).toBe(429);
      expect(response.ResponseHeaders).toEqual([{ Name: 'retry-after', Value: '60' }]);
      const body = bodies[response.CustomResponseBodyKey]!;
      expect(body.ContentType).toBe('APPLICATION_JSON');
      expect(JSON.parse(body.Content)).toMatchObject({ error: { code: 'throttled' } });
    }
  });

  it('screens known bad inputs first, and keeps no sampled requests (they would hold bearer tokens)', () => {
    expect(rules().sort((a, b) => a.Priority - b.Priority)[0]).toMatchObject({
      Name: 'KnownBadInputs',
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
    });
    const configs = [webAcl()['VisibilityConfig'], ...rules().map((r) => (r as unknown as { VisibilityConfig: unknown }).VisibilityConfig)];
    for (const c of configs) expect(c).toMatchObject({ SampledRequestsEnabled: false, CloudWatchMetricsEnabled: true });
  });
});

describe('site routes', () => {
  type Behavior = { PathPattern?: string; TargetOriginId: string; FunctionAssociations?: { FunctionARN: { 'Fn::GetAtt': [string, string] } }[] };
  const behaviors = () => distribution()['CacheBehaviors'] as Behavior[];
  /** Runs the behaviour's CloudFront Function, as the template carries it, on a viewer request for `uri`. */
  const rewrite = (behavior: Behavior, uri: string): string => {
    const id = behavior.FunctionAssociations![0]!.FunctionARN['Fn::GetAtt'][0];
    const code = ofType(site, 'AWS::CloudFront::Function').find(([fnId]) => fnId === id)![1].Properties!['FunctionCode'] as string;
    const handler = new Function(`${code}; return handler;`)() as (event: { request: { uri: string } }) => { uri: string };
    return handler({ request: { uri } }).uri;
  };

  it('serve each district\'s app from the site\'s files at /districts/<id>/app/, where its ../v1 calls reach that district\'s API', () => {
    const defaultOrigin = (distribution()['DefaultCacheBehavior'] as Behavior).TargetOriginId;
    for (const id of selectDistricts('all')) {
      const patterns = behaviors().map((b) => b.PathPattern);
      const app = behaviors().find((b) => b.PathPattern === `/districts/${id}/app/*`)!;
      const apiMount = behaviors().find((b) => b.PathPattern === `/districts/${id}/*`)!;
      // CloudFront takes the first pattern that matches.
      expect(patterns.indexOf(app.PathPattern), id).toBeLessThan(patterns.indexOf(apiMount.PathPattern));
      expect(app.TargetOriginId, id).toBe(defaultOrigin);
      expect(apiMount.TargetOriginId, id).not.toBe(defaultOrigin);
      expect(rewrite(app, `/districts/${id}/app/`)).toBe('/app/index.html');
      expect(rewrite(app, `/districts/${id}/app/sw.js`)).toBe('/app/sw.js');
      expect(rewrite(apiMount, `/districts/${id}/v1/scans`)).toBe('/v1/scans');
    }
  });

  it('upload the app under app/ and keep the dashboard\'s deployment from pruning it', () => {
    const deployments = ofType(site, 'Custom::CDKBucketDeployment').map(([, r]) => r.Properties!);
    expect(deployments).toHaveLength(2);
    const app = deployments.find((d) => d['DestinationBucketKeyPrefix'] === 'app/')!;
    expect(app['SystemMetadata']).toEqual({ 'cache-control': 'no-cache' });
    const root = deployments.find((d) => d !== app)!;
    expect(root['Exclude']).toEqual(['app/*']);
  });
});

describe('site security headers', () => {
  const policy = () => {
    const policies = ofType(site, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    return policies[0]!;
  };
  const config = () => policy()[1].Properties!['ResponseHeadersPolicyConfig'] as {
    SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
  };
  const directives = () => new Map(siteContentSecurityPolicy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('go out with every response: the dashboard, the app and every API mount', () => {
    const dist = distribution();
    const behaviors = [dist['DefaultCacheBehavior'], ...(dist['CacheBehaviors'] as unknown[])] as { ResponseHeadersPolicyId: unknown; PathPattern?: string }[];
    // The default (dashboard), the city API, and per district its app and its API.
    expect(behaviors.length).toBe(selectDistricts('all').length * 2 + 2);
    for (const b of behaviors) expect(b.ResponseHeadersPolicyId, b.PathPattern ?? 'default').toEqual({ Ref: policy()[0] });
  });

  it('send a CSP of this origin only: no inline or eval script, API calls to self, never framed', () => {
    const csp = config().SecurityHeadersConfig['ContentSecurityPolicy']!;
    expect(csp).toEqual({ ContentSecurityPolicy: siteContentSecurityPolicy, Override: true });
    const d = directives();
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(siteContentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });

  it('send nosniff, DENY framing, no referrer and two years of HSTS, overriding any origin\'s', () => {
    const s = config().SecurityHeadersConfig;
    expect(s['ContentTypeOptions']).toEqual({ Override: true });
    expect(s['FrameOptions']).toEqual({ FrameOption: 'DENY', Override: true });
    expect(s['ReferrerPolicy']).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(s['StrictTransportSecurity']).toMatchObject({ AccessControlMaxAgeSec: 730 * 24 * 3600, IncludeSubdomains: true, Override: true });
    const custom = Object.fromEntries(config().CustomHeadersConfig.Items.map((h) => [h.Header, h.Value]));
    expect(custom['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(custom['Permissions-Policy']).toMatch(/camera=\(self\)/);
  });

  it('hold for the pages deployed: no inline script, style or event handler in any HTML file of the dashboard or the app', () => {
    for (const dir of ['dashboard', 'frontline'].map((p) => join(repoRoot, 'packages', p, 'public'))) {
      const pages = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
      expect(pages, dir).toContain('index.html');
      for (const page of pages) {
        const html = readFileSync(join(dir, page), 'utf8');
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
        expect(scripts.length, page).toBeGreaterThan(0);
        for (const [, attributes, body] of scripts) {
          expect(attributes, page).toMatch(/\bsrc=/);
          expect(body!.trim(), page).toBe('');
        }
        expect(html, page).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
      }
    }
  });
});
