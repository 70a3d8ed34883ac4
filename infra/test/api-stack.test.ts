import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { envNames, functions, queues, tables } from '@firstline/service';
import type { FunctionSpec } from '@firstline/service';
import { dlqLogicalId, queueLogicalId } from '../constructs/district-queues.ts';
import { tableLogicalId } from '../constructs/district-tables.ts';
import { httpTimeoutLimitSeconds } from '../constructs/service-functions.ts';
import { apiStackName } from '../stacks/district.ts';
import { synthDistrict } from './synth.ts';
import type { SynthesizedDistrict } from './synth.ts';
import { actionsOf, crossStackRefs, ofType, resourcesOf, statementsOfRole } from './template-refs.ts';
import type { Resource, Statement } from './template-refs.ts';

let district: SynthesizedDistrict;
let api: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  // Synthesised once for the file. Bundling is skipped here (infra/test/bundles.test.ts bundles
  // for real); the template is otherwise the one `cdk synth` writes.
  district = synthDistrict('demo', { bundle: false });
  api = district.apiTemplate;
  resources = resourcesOf(api);
});

const routes = functions.flatMap((fn) => (fn.routes ?? []).map((route) => ({ fn, route })));
const fnLogicalId = (name: string) => district.api.getLogicalId(district.api.service.functions.get(name)!.node.defaultChild as CfnElement);
const fnProps = (name: string) => resources[fnLogicalId(name)]!.Properties!;
/** References into the district's data stack, and into the city's (the roll-up queue). */
const dataRefs = (value: unknown) => [
  ...crossStackRefs(value, { stackName: district.data.stackName, template: district.dataTemplate }).filter((r) => r.stack === district.data.stackName),
  ...crossStackRefs(value, district.cityData).filter((r) => r.stack === district.cityData.stackName),
];

describe('api stack', () => {
  it('is named after the district', () => {
    expect(district.api.stackName).toBe(apiStackName('demo'));
  });

  describe('HTTP API', () => {
    it('has exactly the manifest routes, each behind the JWT authorizer, each invoking its own function', () => {
      const [[authorizerId]] = ofType(api, 'AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
      const declared = ofType(api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!);
      expect(declared.map((r) => r['RouteKey']).sort()).toEqual(routes.map(({ route }) => `${route.method} ${route.path}`).sort());
      for (const { fn, route } of routes) {
        const r = declared.find((d) => d['RouteKey'] === `${route.method} ${route.path}`)!;
        if (route.public) {
          expect(route.path, fn.name).toBe('/openapi.json');
          expect(r['AuthorizerId'], fn.name).toBeUndefined();
        } else {
          expect(r['AuthorizationType'], fn.name).toBe('JWT');
          expect(r['AuthorizerId'], fn.name).toEqual({ Ref: authorizerId });
        }
        const integrationId = ((r['Target'] as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1]).Ref;
        expect(resources[integrationId]!.Properties!['IntegrationUri'], fn.name).toEqual({ 'Fn::GetAtt': [fnLogicalId(fn.name), 'Arn'] });
      }
    });

    it('checks tokens against the district identity provider and audience', () => {
      const authorizers = ofType(api, 'AWS::ApiGatewayV2::Authorizer').map(([, r]) => r.Properties!);
      expect(authorizers).toHaveLength(1);
      expect(authorizers[0]).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: district.config.jwt.issuer, Audience: district.config.jwt.audience },
      });
    });

    it('has no local-only route', () => {
      const keys = ofType(api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties!['RouteKey'] as string);
      expect(keys.filter((k) => k.split(' ')[1]!.startsWith('/local'))).toEqual([]);
      expect(keys.filter((k) => k.includes('$default') || k.includes('ANY'))).toEqual([]);
    });

    it('throttles the default stage and writes access logs', () => {
      const stages = ofType(api, 'AWS::ApiGatewayV2::Stage').map(([, r]) => r.Properties!);
      expect(stages).toHaveLength(1);
      const stage = stages[0]!;
      expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true });
      const throttle = stage['DefaultRouteSettings'] as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
      expect(throttle.ThrottlingRateLimit).toBeGreaterThan(0);
      expect(throttle.ThrottlingBurstLimit).toBeGreaterThanOrEqual(throttle.ThrottlingRateLimit);
      const logs = stage['AccessLogSettings'] as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
      expect(resources[logs.DestinationArn['Fn::GetAtt'][0]]!.Type).toBe('AWS::Logs::LogGroup');
      expect(logs.Format).not.toContain('$context.path');
    });

    it('outputs the API URL', () => {
      expect(Object.keys(api.toJSON()['Outputs'] as object)).toContain('ApiUrl');
    });
  });

  describe('functions', () => {
    it('builds one function per manifest entry, nodejs24.x on arm64 with the declared memory and timeout', () => {
      expect(ofType(api, 'AWS::Lambda::Function')).toHaveLength(functions.length);
      for (const fn of functions) {
        expect(fnProps(fn.name), fn.name).toMatchObject({
          Runtime: 'nodejs24.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          MemorySize: fn.memoryMb,
          Timeout: fn.timeoutSeconds,
        });
      }
    });

    it('keeps every function behind a route within the API Gateway timeout', () => {
      for (const fn of functions.filter((f) => f.routes?.length)) {
        expect(fnProps(fn.name)['Timeout'] as number, fn.name).toBeLessThanOrEqual(httpTimeoutLimitSeconds);
      }
    });

    it('sets every environment name on every function, pointing at this district', () => {
      for (const fn of functions) {
        const vars = (fnProps(fn.name)['Environment'] as { Variables: Record<string, unknown> }).Variables;
        expect(vars[envNames.district], fn.name).toBe(district.config.id);
        expect(vars[envNames.timeZone], fn.name).toBe(district.config.timeZone);
        expect(vars[envNames.secretId], fn.name).toBe(district.config.secretName);
        for (const t of tables) expect(dataRefs(vars[envNames.table(t.name)]), `${fn.name} ${t.name}`).toEqual([{ stack: district.data.stackName, logicalId: tableLogicalId(t.name) }]);
        for (const q of queues) expect(dataRefs(vars[envNames.queueUrl(q.name)]), `${fn.name} ${q.name}`).toEqual([{ stack: district.data.stackName, logicalId: queueLogicalId(q.name) }]);
      }
    });

    it('gives every function its own log group with a retention', () => {
      const logGroups = new Set<string>();
      for (const fn of functions) {
        const logGroup = (fnProps(fn.name)['LoggingConfig'] as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(resources[logGroup]!.Type, fn.name).toBe('AWS::Logs::LogGroup');
        expect(resources[logGroup]!.Properties!['RetentionInDays'], fn.name).toBe(90);
        logGroups.add(logGroup);
      }
      expect(logGroups.size).toBe(functions.length);
    });

    it('triggers each consumer from its queue, in batches, with partial batch responses', () => {
      const consumers = functions.filter((f) => f.trigger);
      const mappings = ofType(api, 'AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties!);
      expect(mappings).toHaveLength(consumers.length);
      for (const fn of consumers) {
        const mapping = mappings.find((m) => (m['FunctionName'] as { Ref: string }).Ref === fnLogicalId(fn.name));
        expect(mapping, fn.name).toBeDefined();
        expect(dataRefs(mapping!['EventSourceArn'])).toEqual([{ stack: district.data.stackName, logicalId: queueLogicalId(fn.trigger!.queue), attribute: 'Arn' }]);
        expect(mapping!['BatchSize']).toBe(fn.trigger!.batchSize);
        expect(mapping!['MaximumBatchingWindowInSeconds'] ?? 0).toBe(fn.trigger!.maxBatchingWindowSeconds);
        expect(mapping!['FunctionResponseTypes']).toEqual(['ReportBatchItemFailures']);
      }
    });

    it('runs each scheduled function on EventBridge Scheduler in the district time zone', () => {
      const scheduled = functions.filter((f) => f.schedule);
      const schedules = ofType(api, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties!);
      expect(schedules).toHaveLength(scheduled.length);
      for (const fn of scheduled) {
        const schedule = schedules.find((s) => JSON.stringify((s['Target'] as { Arn: unknown }).Arn) === JSON.stringify({ 'Fn::GetAtt': [fnLogicalId(fn.name), 'Arn'] }));
        expect(schedule, fn.name).toMatchObject({
          ScheduleExpression: fn.schedule!.cron,
          ScheduleExpressionTimezone: district.config.timeZone,
          State: 'ENABLED',
          FlexibleTimeWindow: { Mode: 'OFF' },
        });
      }
    });
  });

  describe('IAM', () => {
    const roleOf = (name: string) => (fnProps(name)['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    /** Which of the data stack's resources the function's statements allow `action` on. */
    const allowedOn = (fn: FunctionSpec, action: string) =>
      new Set(statementsOfRole(api, roleOf(fn.name)).filter((s) => actionsOf(s).includes(action)).flatMap((s) => dataRefs(s.Resource).map((r) => r.logicalId)));

    it('grants each function exactly the tables and queues the manifest says it reads, writes, sends to and consumes', () => {
      for (const fn of functions) {
        const ids = (names: readonly string[], id: (n: never) => string) => new Set(names.map((n) => id(n as never)));
        expect(allowedOn(fn, 'dynamodb:GetItem'), `${fn.name} reads`).toEqual(ids([...new Set([...(fn.reads ?? []), ...(fn.writes ?? [])])], tableLogicalId));
        expect(allowedOn(fn, 'dynamodb:PutItem'), `${fn.name} writes`).toEqual(ids(fn.writes ?? [], tableLogicalId));
        expect(allowedOn(fn, 'sqs:SendMessage'), `${fn.name} sends`).toEqual(ids(fn.sends ?? [], queueLogicalId));
        expect(allowedOn(fn, 'sqs:ReceiveMessage'), `${fn.name} consumes`).toEqual(ids(fn.trigger ? [fn.trigger.queue] : [], queueLogicalId));
      }
    });

    it('lets every function read the district secret, and only that secret', () => {
      for (const fn of functions) {
        const reads = statementsOfRole(api, roleOf(fn.name)).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
        expect(reads, fn.name).toHaveLength(1);
        expect(JSON.stringify(reads[0]!.Resource)).toContain(`:secret:${district.config.secretName}-??????`);
      }
    });

    it('scopes every DynamoDB and SQS statement to this district\'s own tables and queues (and the city\'s roll-up queue), never "*"', () => {
      const own = new Set([...tables.map((t) => tableLogicalId(t.name)), ...queues.flatMap((q) => [queueLogicalId(q.name), dlqLogicalId(q.name)])]);
      const cityQueue = { stack: district.cityData.stackName, logicalId: queueLogicalId('city-rollup') };
      const statements = ofType(api, 'AWS::IAM::Policy').flatMap(([, p]) => (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement);
      const data = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:') || a.startsWith('sqs:')));
      expect(data.length).toBeGreaterThan(0);
      for (const s of data) {
        for (const resource of [s.Resource].flat()) {
          expect(typeof resource, JSON.stringify(resource)).not.toBe('string');
          const refs = dataRefs(resource);
          expect(refs.length, JSON.stringify(resource)).toBeGreaterThan(0);
          for (const ref of refs) {
            if (ref.stack === cityQueue.stack) {
              expect(ref.logicalId).toBe(cityQueue.logicalId);
              expect(actionsOf(s).every((a) => a.startsWith('sqs:Send') || a.startsWith('sqs:GetQueue')), JSON.stringify(s.Action)).toBe(true);
              continue;
            }
            expect(ref.stack).toBe(district.data.stackName);
            expect(own.has(ref.logicalId!), JSON.stringify(ref)).toBe(true);
          }
        }
      }
    });

    it('has no statement on Resource "*" but X-Ray tracing\'s (which has no resource-level permissions)', () => {
      const statements = ofType(api, 'AWS::IAM::Policy').flatMap(([, p]) => (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement);
      const tracing = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
      for (const s of statements) {
        if ([s.Resource].flat().includes('*')) expect(actionsOf(s).sort(), JSON.stringify(s)).toEqual(tracing);
        else expect(actionsOf(s).some((a) => a.startsWith('xray:')), JSON.stringify(s)).toBe(false);
      }
    });

    it('names each index a function may query, never <table>/index/*', () => {
      const statements = ofType(api, 'AWS::IAM::Policy').flatMap(([, p]) => (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement);
      const resources = statements.filter((s) => actionsOf(s).includes('dynamodb:Query')).flatMap((s) => [s.Resource].flat());
      expect(resources.length).toBeGreaterThan(0);
      for (const r of resources) expect(JSON.stringify(r)).not.toContain('/index/*');
      const core = tables.find((t) => t.name === 'core')!;
      const coreReaders = functions.filter((f) => [...(f.reads ?? []), ...(f.writes ?? [])].includes('core'));
      for (const fn of coreReaders) {
        const onCore = statementsOfRole(api, roleOf(fn.name)).filter((s) => actionsOf(s).includes('dynamodb:Query')).flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
        for (const index of core.indexes) expect(onCore.some((r) => r.includes(`/index/${index.name}`)), `${fn.name} ${index.name}`).toBe(true);
      }
    });

    it('lets the scheduler invoke only the scheduled functions', () => {
      const schedules = ofType(api, 'AWS::Scheduler::Schedule').map(([, r]) => r.Properties!);
      for (const schedule of schedules) {
        const role = ((schedule['Target'] as { RoleArn: { 'Fn::GetAtt': [string, string] } }).RoleArn)['Fn::GetAtt'][0];
        const invokes = statementsOfRole(api, role).filter((s) => actionsOf(s).includes('lambda:InvokeFunction'));
        const targets = invokes.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
        expect(targets.length).toBeGreaterThan(0);
        const scheduled = functions.filter((f) => f.schedule).map((f) => fnLogicalId(f.name));
        for (const target of targets) expect(scheduled.some((id) => target.includes(`"${id}"`)), target).toBe(true);
      }
    });
  });
});
