import { App } from 'aws-cdk-lib';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { cityService, functions, parseDistrictConfig, queues } from '@firstline/service';
import { dlqLogicalId, queueLogicalId } from '../constructs/district-queues.ts';
import { alarmThresholds, metricsNamespace } from '../constructs/observability.ts';
import { loadCityConfig, loadDistrictConfig, repoRoot, selectDistricts } from '../bin/district-configs.ts';
import { cityDataStackName } from '../stacks/city.ts';
import { apiStackName, dataStackName } from '../stacks/district.ts';
import { addFirstline } from '../stacks/firstline.ts';
import { cdkJsonContext } from './synth.ts';
import { crossStackRefs, ofType, resourcesOf } from './template-refs.ts';
import type { Resource } from './template-refs.ts';

interface Watched {
  readonly name: string;
  readonly api: Template;
  readonly data: { readonly stackName: string; readonly template: Template };
  readonly queueNames: readonly string[];
  readonly functionNames: readonly string[];
  readonly stack: Stack;
}

let app: App;
let watched: Watched[];

beforeAll(() => {
  // Every district and the city, once; templates only (no bundling).
  app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const firstline = addFirstline(app, loadCityConfig(), selectDistricts('all').map(loadDistrictConfig), repoRoot);
  const of = (api: Stack, data: Stack, queueNames: string[], functionNames: string[], name: string): Watched => ({
    name, api: Template.fromStack(api), data: { stackName: data.stackName, template: Template.fromStack(data) }, queueNames, functionNames, stack: api,
  });
  watched = [
    ...[...firstline.districts.entries()].map(([id, d]) => of(d.api, d.data, queues.map((q) => q.name), functions.map((f) => f.name), id)),
    of(firstline.city.api, firstline.city.data, cityService.queues.map((q) => q.name), cityService.functions.map((f) => f.name), 'city'),
  ];
});

const alarms = (w: Watched) => ofType(w.api, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties!);
const topicOf = (w: Watched) => {
  const topics = ofType(w.api, 'AWS::SNS::Topic');
  expect(topics, w.name).toHaveLength(1);
  return topics[0]![0];
};
/** The data-stack resource a dimension value points at (through the weak cross-stack reference). */
const dimensionTarget = (w: Watched, alarm: Record<string, unknown>, name: string) => {
  const dims = alarm['Dimensions'] as { Name: string; Value: unknown }[];
  const value = dims.find((d) => d.Name === name)?.Value;
  return crossStackRefs(value, w.data).filter((r) => r.stack === w.data.stackName);
};
const pagesOps = (w: Watched, alarm: Record<string, unknown>) => {
  expect(alarm['AlarmActions'], JSON.stringify(alarm['AlarmDescription'])).toEqual([{ Ref: topicOf(w) }]);
  expect(alarm['OKActions']).toEqual([{ Ref: topicOf(w) }]);
  expect(alarm['TreatMissingData']).toBe('notBreaching');
};

describe('alarms, per district and for the city', () => {
  it('send to one SNS topic per stack, encrypted with a rotating key CloudWatch may use, TLS only', () => {
    for (const w of watched) {
      const topicId = topicOf(w);
      const resources = resourcesOf(w.api);
      const keyId = (resources[topicId]!.Properties!['KmsMasterKeyId'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const key = resources[keyId]!.Properties!;
      expect(key['EnableKeyRotation'], w.name).toBe(true);
      const statements = (key['KeyPolicy'] as { Statement: { Principal: { Service?: string }; Action: string[] }[] }).Statement;
      expect(statements.find((s) => s.Principal.Service === 'cloudwatch.amazonaws.com')?.Action, w.name).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
      const policies = ofType(w.api, 'AWS::SNS::TopicPolicy').map(([, r]) => r.Properties!);
      expect(policies.some((p) => JSON.stringify(p).includes('"aws:SecureTransport":"false"') && JSON.stringify(p['Topics']).includes(topicId)), w.name).toBe(true);
    }
  });

  it('fire on any message in each dead-letter queue', () => {
    for (const w of watched) {
      for (const q of w.queueNames) {
        const found = alarms(w).filter((a) => a['MetricName'] === 'ApproximateNumberOfMessagesVisible' && dimensionTarget(w, a, 'QueueName').some((r) => r.logicalId === dlqLogicalId(q as never)));
        expect(found, `${w.name} ${q}`).toHaveLength(1);
        expect(found[0]).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
        expect(dimensionTarget(w, found[0]!, 'QueueName')).toEqual([{ stack: w.data.stackName, logicalId: dlqLogicalId(q as never), attribute: 'QueueName' }]);
        pagesOps(w, found[0]!);
      }
    }
  });

  it("fire when a main queue's oldest message is 15 minutes old, far below its retention", () => {
    for (const w of watched) {
      const data = resourcesOf(w.data.template);
      for (const q of w.queueNames) {
        const found = alarms(w).filter((a) => a['MetricName'] === 'ApproximateAgeOfOldestMessage' && dimensionTarget(w, a, 'QueueName').some((r) => r.logicalId === queueLogicalId(q as never)));
        expect(found, `${w.name} ${q}`).toHaveLength(1);
        expect(found[0]).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 15 * 60, ComparisonOperator: 'GreaterThanThreshold' });
        const retention = data[queueLogicalId(q as never)]!.Properties!['MessageRetentionPeriod'] as number;
        expect(alarmThresholds.oldestMessageSeconds * 100).toBeLessThan(retention);
        pagesOps(w, found[0]!);
      }
      // No alarm on another stack's queue (a district does not watch the city's roll-up queue).
      const queueAlarms = alarms(w).filter((a) => a['Namespace'] === 'AWS/SQS');
      expect(queueAlarms, w.name).toHaveLength(w.queueNames.length * 2);
    }
  });

  it("fire on the HTTP API's 5xx rate (5xx / requests of this API)", () => {
    for (const w of watched) {
      const [[apiId]] = ofType(w.api, 'AWS::ApiGatewayV2::Api') as [[string, Resource]];
      const found = alarms(w).filter((a) => Array.isArray(a['Metrics']));
      expect(found, w.name).toHaveLength(1);
      const alarm = found[0]!;
      const metrics = alarm['Metrics'] as { Id: string; Expression?: string; ReturnData?: boolean; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown[] }; Stat: string } }[];
      const expression = metrics.find((m) => m.Expression)!;
      expect(expression.ReturnData).toBe(true);
      const byName = Object.fromEntries(metrics.filter((m) => m.MetricStat).map((m) => [m.MetricStat!.Metric.MetricName, m]));
      expect(Object.keys(byName).sort()).toEqual(['5xx', 'Count']);
      for (const m of Object.values(byName)) {
        expect(m.MetricStat).toMatchObject({ Stat: 'Sum', Metric: { Namespace: 'AWS/ApiGateway', Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }] } });
      }
      expect(expression.Expression).toContain(`100 * ${byName['5xx']!.Id} / ${byName['Count']!.Id}`);
      expect(alarm).toMatchObject({ Threshold: alarmThresholds.serverErrorPercent, ComparisonOperator: 'GreaterThanThreshold' });
      pagesOps(w, alarm);
    }
  });

  it('fire on any throttle of any function', () => {
    for (const w of watched) {
      const fnIds = ofType(w.api, 'AWS::Lambda::Function').map(([id]) => id);
      expect(fnIds, w.name).toHaveLength(w.functionNames.length);
      const throttles = alarms(w).filter((a) => a['MetricName'] === 'Throttles');
      const watchedFns = throttles.map((a) => ((a['Dimensions'] as { Value: { Ref: string } }[])[0]!.Value.Ref));
      expect(watchedFns.sort(), w.name).toEqual([...fnIds].sort());
      for (const a of throttles) {
        expect(a).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        pagesOps(w, a);
      }
    }
  });

  it('fire when the live scan counts are over five minutes old, from the fold\'s own metric, in every district', () => {
    for (const w of watched) {
      const age = alarms(w).filter((a) => a['MetricName'] === 'LiveViewAgeSeconds');
      expect(age, w.name).toHaveLength(w.name === 'city' ? 0 : 1);
      for (const a of age) {
        expect(a).toMatchObject({
          Namespace: metricsNamespace, Statistic: 'Maximum', Period: 60, Threshold: 300, ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: expect.arrayContaining([{ Name: 'service', Value: 'firstline' }, { Name: 'district', Value: w.name }]),
        });
        pagesOps(w, a);
      }
    }
  });

  it("fire on any urgent medical request past its clock, from the watch's own metric, in every district (the city has none)", () => {
    for (const w of watched) {
      const overdue = alarms(w).filter((a) => a['MetricName'] === 'UrgentRequestsOverdue');
      expect(overdue, w.name).toHaveLength(w.name === 'city' ? 0 : 1);
      for (const a of overdue) {
        expect(a).toMatchObject({
          Namespace: metricsNamespace, Statistic: 'Maximum', Period: 60, Threshold: alarmThresholds.overdueUrgentRequests, ComparisonOperator: 'GreaterThanThreshold',
          // The dimensions the handlers' Powertools metrics carry (service, district), or the alarm would watch nothing.
          Dimensions: expect.arrayContaining([{ Name: 'service', Value: 'firstline' }, { Name: 'district', Value: w.name }]),
        });
        pagesOps(w, a);
      }
    }
  });

  it('subscribes the configured alarmEmail, and the config schema refuses a bad one', () => {
    const withEmail = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const config = { ...loadDistrictConfig('demo'), alarmEmail: 'ops@demo.firstline.example' };
    const stacks = addFirstline(withEmail, loadCityConfig(), [config], repoRoot);
    Template.fromStack(stacks.districts.get('demo')!.api).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@demo.firstline.example' });
    expect(ofType(Template.fromStack(stacks.city.api), 'AWS::SNS::Subscription')).toHaveLength(0);
    expect(() => parseDistrictConfig({ ...loadDistrictConfig('demo'), alarmEmail: 'not-an-address' }, 'test')).toThrow(/alarmEmail/);
  });
});

describe('dashboards', () => {
  it('one per district (and one for the city), named after it', () => {
    for (const w of watched) {
      const dashboards = ofType(w.api, 'AWS::CloudWatch::Dashboard').map(([, r]) => r.Properties!);
      expect(dashboards, w.name).toHaveLength(1);
      expect(dashboards[0]!['DashboardName']).toBe(`Firstline-${w.name === 'city' ? loadCityConfig().id : w.name}`);
    }
    expect(watched.filter((w) => w.name !== 'city').map((w) => w.stack.stackName).sort()).toEqual(selectDistricts('all').map(apiStackName).sort());
  });

  it('graph the API, every function, every queue and DLQ, and the Firstline custom metrics of that district', () => {
    for (const w of watched) {
      const joined = ofType(w.api, 'AWS::CloudWatch::Dashboard')[0]![1].Properties!['DashboardBody'] as { 'Fn::Join': [string, unknown[]] };
      // The dashboard JSON, with each CloudFormation reference inlined as its JSON.
      const body = joined['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
      for (const metric of ['"Count"', '"5xx"', '"4xx"', '"Latency"', '"Invocations"', '"Errors"', '"Duration"', '"Throttles"', '"ApproximateNumberOfMessagesVisible"', '"ApproximateAgeOfOldestMessage"']) {
        expect(body, `${w.name} ${metric}`).toContain(metric);
      }
      for (const fn of ofType(w.api, 'AWS::Lambda::Function').map(([id]) => id)) expect(body, `${w.name} ${fn}`).toContain(`{"Ref":"${fn}"}`);
      const district = w.name === 'city' ? loadCityConfig().id : w.name;
      for (const custom of ['ScansByVerdict', 'QueueLagSeconds', 'DispatchLatencySeconds', 'BatchItemFailures']) {
        expect(body, `${w.name} ${custom}`).toContain(`SEARCH('Namespace=\\"${metricsNamespace}\\" MetricName=\\"${custom}\\" district=\\"${district}\\"'`);
      }
      const dataStack = w.name === 'city' ? cityDataStackName : dataStackName(w.name);
      for (const q of w.queueNames) {
        for (const id of [queueLogicalId(q as never), dlqLogicalId(q as never)]) {
          expect(crossStackRefs(joined, w.data).some((r) => r.stack === dataStack && r.logicalId === id), `${w.name} ${id}`).toBe(true);
        }
      }
    }
  });
});

describe('functions', () => {
  it('trace every invocation with X-Ray and publish Powertools metrics to the Firstline namespace', () => {
    for (const w of watched) {
      const fns = ofType(w.api, 'AWS::Lambda::Function').map(([id, r]) => [id, r.Properties!] as const);
      expect(fns.length).toBe(w.functionNames.length);
      for (const [id, props] of fns) {
        expect(props['TracingConfig'], `${w.name} ${id}`).toEqual({ Mode: 'Active' });
        const vars = (props['Environment'] as { Variables: Record<string, unknown> }).Variables;
        expect(vars['POWERTOOLS_METRICS_NAMESPACE'], id).toBe(metricsNamespace);
        expect(vars['POWERTOOLS_SERVICE_NAME'], id).toBe('firstline');
      }
    }
  });

  it('are the stack\'s own functions (no function outside the manifest gets an alarm)', () => {
    for (const w of watched) {
      const ids = w.functionNames.map((n) => w.stack.getLogicalId((w.stack.node.findChild('Functions').node.findChild(n).node.defaultChild) as CfnElement));
      expect(ids.sort()).toEqual(ofType(w.api, 'AWS::Lambda::Function').map(([id]) => id).sort());
    }
  });
});
