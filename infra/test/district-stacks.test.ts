import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, queues, tables } from '@firstline/service';
import { addDistrict } from '../bin/district-app.ts';
import { dlqLogicalId, queueLogicalId } from '../constructs/district-queues.ts';
import { tableLogicalId } from '../constructs/district-tables.ts';

let data: Template;
let api: Template;
let dataStack: ReturnType<typeof addDistrict>['data'];

beforeAll(() => {
  // Synthesised once for the file: bundling every function takes seconds.
  const app = new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
  const stacks = addDistrict(app, 'demo');
  dataStack = stacks.data;
  data = Template.fromStack(stacks.data);
  api = Template.fromStack(stacks.api);
});

const routes = functions.flatMap((f) => (f.routes ?? []).map((r) => ({ fn: f, route: r })));

describe('data stack', () => {
  it('pins the logical id of every table and queue in the manifest', () => {
    const resources = data.toJSON().Resources as Record<string, { Type: string }>;
    for (const t of tables) expect(resources[tableLogicalId(t.name)]?.Type).toBe('AWS::DynamoDB::Table');
    for (const q of queues) {
      expect(resources[queueLogicalId(q.name)]?.Type).toBe('AWS::SQS::Queue');
      expect(resources[dlqLogicalId(q.name)]?.Type).toBe('AWS::SQS::Queue');
    }
  });

  it('makes tables on demand with PITR, TTL, the declared indexes, and retains them', () => {
    for (const t of tables) {
      data.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          KeySchema: [{ AttributeName: t.partitionKey, KeyType: 'HASH' }, ...(t.sortKey ? [{ AttributeName: t.sortKey, KeyType: 'RANGE' }] : [])],
          ...(t.ttlAttribute ? { TimeToLiveSpecification: { AttributeName: t.ttlAttribute, Enabled: true } } : {}),
          ...(t.indexes.length ? { GlobalSecondaryIndexes: t.indexes.map((i) => Match.objectLike({ IndexName: i.name })) } : {}),
        }),
      });
    }
  });

  it('gives every queue a DLQ with the declared max receive count, and SSE', () => {
    const resources = data.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
    for (const q of queues) {
      const props = resources[queueLogicalId(q.name)]!.Properties;
      expect(props['SqsManagedSseEnabled']).toBe(true);
      expect(props['VisibilityTimeout']).toBe(q.visibilityTimeoutSeconds);
      expect(props['RedrivePolicy']).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [dlqLogicalId(q.name), 'Arn'] }, maxReceiveCount: q.maxReceiveCount });
      expect(resources[dlqLogicalId(q.name)]!.Properties['SqsManagedSseEnabled']).toBe(true);
    }
  });

  it('has termination protection on', () => {
    expect(dataStack.terminationProtection).toBe(true);
  });
});

describe('api stack', () => {
  it('has every manifest route, each behind the JWT authorizer', () => {
    api.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    for (const { route } of routes) {
      api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: 'JWT',
        AuthorizerId: Match.anyValue(),
      });
    }
  });

  it('configures the authorizer with the district issuer and audience', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://auth.demo.firstline.example/', Audience: ['firstline'] },
    });
  });

  it('has no local-only route', () => {
    const keys = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);
    expect(keys.filter((k) => k.includes('/local'))).toEqual([]);
  });

  it('runs every function on nodejs24.x, arm64, with the manifest memory and timeout', () => {
    for (const fn of functions) {
      api.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: fn.memoryMb,
        Timeout: fn.timeoutSeconds,
        Environment: { Variables: Match.objectLike({ FIRSTLINE_DISTRICT: 'demo', FIRSTLINE_SECRET_ID: 'firstline/demo' }) },
      });
    }
  });

  it('triggers consumers from their queues with partial batch responses', () => {
    const triggers = functions.filter((f) => f.trigger);
    api.resourceCountIs('AWS::Lambda::EventSourceMapping', triggers.length);
    for (const fn of triggers) {
      api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: fn.trigger!.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ...(fn.trigger!.maxBatchingWindowSeconds > 0 ? { MaximumBatchingWindowInSeconds: fn.trigger!.maxBatchingWindowSeconds } : {}),
      });
    }
  });

  it('schedules the daily close in the district time zone', () => {
    for (const fn of functions.filter((f) => f.schedule)) {
      api.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: fn.schedule!.cron, ScheduleExpressionTimezone: 'Asia/Shanghai' });
    }
  });

  it('grants DynamoDB and SQS actions only on this district\'s own resources', () => {
    const policies = Object.values(api.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const dataActions = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:') || a.startsWith('sqs:')));
    expect(dataActions.length).toBeGreaterThan(0);
    for (const s of dataActions) {
      const resources = [s.Resource].flat();
      expect(resources).not.toContain('*');
      expect(JSON.stringify(resources)).toMatch(/Firstline-demo-Data|Fn::ImportValue|Table|Queue/);
    }
  });
});
