import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { districtKeys, envNames, functions, keyEnvNames, queues, routeThrottles, tables } from '@firstline/service';
import type { FunctionSpec } from '@firstline/service';
import { dlqLogicalId, queueLogicalId } from '../constructs/district-queues.ts';
import { tableLogicalId } from '../constructs/district-tables.ts';
import { defaultTriggerMaxConcurrency, httpTimeoutLimitSeconds, maxConcurrencyRange } from '../constructs/service-functions.ts';
import { assumedAccountQuotas, lambdaUnreservedMinimum } from '../stacks/account-quotas.ts';
import { apiStackName } from '../stacks/district.ts';
import { districtSpike, plannedGateScanMillis, spikeScanRequestsPerSecond } from './spike-plan.ts';
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

    it('throttles every route: its own bucket where the manifest declares one, the default bucket otherwise; writes access logs', () => {
      const stages = ofType(api, 'AWS::ApiGatewayV2::Stage');
      expect(stages).toHaveLength(1);
      const [, { Properties: stage, DependsOn: dependsOn }] = stages[0] as [string, Resource & { DependsOn?: string[] }];
      expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true });
      expect(stage!['DefaultRouteSettings']).toEqual({ ThrottlingRateLimit: routeThrottles.default.rateLimit, ThrottlingBurstLimit: routeThrottles.default.burstLimit });
      const throttled = routes.filter(({ route }) => route.throttle);
      expect(throttled.length).toBeGreaterThan(0);
      expect(stage!['RouteSettings']).toEqual(Object.fromEntries(throttled.map(({ route }) => [
        `${route.method} ${route.path}`, { ThrottlingRateLimit: route.throttle!.rateLimit, ThrottlingBurstLimit: route.throttle!.burstLimit },
      ])));
      // API Gateway refuses settings for a route it has not created yet: the stage waits for each.
      const routeIds = Object.fromEntries(ofType(api, 'AWS::ApiGatewayV2::Route').map(([id, r]) => [r.Properties!['RouteKey'] as string, id]));
      for (const { route } of throttled) expect(dependsOn, `${route.method} ${route.path}`).toContain(routeIds[`${route.method} ${route.path}`]);
      const logs = stage!['AccessLogSettings'] as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
      expect(resources[logs.DestinationArn['Fn::GetAtt'][0]]!.Type).toBe('AWS::Logs::LogGroup');
      expect(logs.Format).not.toContain('$context.path');
    });

    it('bounds the public API document, the one route without a token, by its own small bucket', () => {
      for (const { route } of routes.filter((r) => r.route.public)) expect(route.throttle!.rateLimit).toBeLessThanOrEqual(routeThrottles.default.rateLimit);
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
        // Only the keys it declares: a function is not even told where the others are.
        for (const key of districtKeys) {
          expect(vars[keyEnvNames.secretId(key)], `${fn.name} ${key}`).toBe((fn.keys ?? []).includes(key) ? `${district.config.secretName}/${key}` : undefined);
        }
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

  describe('spike plan: 6,000 gate scans a second', () => {
    const stageOf = () => ofType(api, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties!;
    const effectiveRate = (key: string) => {
      const own = (stageOf()['RouteSettings'] as Record<string, { ThrottlingRateLimit: number }>)[key];
      return own?.ThrottlingRateLimit ?? (stageOf()['DefaultRouteSettings'] as { ThrottlingRateLimit: number }).ThrottlingRateLimit;
    };
    const gateScans = 'POST /v1/scans';
    const reservedOf = (name: string) => fnProps(name)['ReservedConcurrentExecutions'] as number | undefined;
    const serving = (predicate: (key: string) => boolean) => functions.filter((f) => (f.routes ?? []).some((r) => predicate(`${r.method} ${r.path}`)));
    const isReport = (key: string) => key.startsWith('GET /v1/reports/');

    it('lets the spike\'s requests through POST /v1/scans, derived from scans/s, with headroom', () => {
      const needed = spikeScanRequestsPerSecond();
      // 4,800 live + 12 backlog uploads, one in five sent twice.
      expect(needed).toBeCloseTo(5774.4, 1);
      const own = (stageOf()['RouteSettings'] as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>)[gateScans]!;
      expect(own.ThrottlingRateLimit).toBeGreaterThanOrEqual(needed * districtSpike.headroom);
      // The bucket holds at least one second of the spike, so an uneven second is not refused.
      expect(own.ThrottlingBurstLimit).toBeGreaterThanOrEqual(needed);
    });

    it('limits reports and every other route separately, each far below the gates', () => {
      const others = routes.map(({ route }) => `${route.method} ${route.path}`).filter((key) => key !== gateScans);
      for (const key of others) expect(effectiveRate(key), key).toBeLessThanOrEqual(effectiveRate(gateScans) / 50);
      const reports = others.filter(isReport);
      expect(reports.length).toBeGreaterThanOrEqual(3);
      const own = stageOf()['RouteSettings'] as Record<string, unknown>;
      for (const key of reports) {
        expect(own[key], key).toBeDefined();
        expect(effectiveRate(key), key).toBeLessThan(routeThrottles.default.rateLimit);
      }
    });

    it('reserves enough concurrency for gate scans at the spike, and caps every report function below it', () => {
      const gate = serving((key) => key === gateScans);
      expect(gate).toHaveLength(1);
      const reserved = reservedOf(gate[0]!.name)!;
      expect(reserved * (1000 / plannedGateScanMillis)).toBeGreaterThanOrEqual(spikeScanRequestsPerSecond());
      const reports = serving(isReport);
      expect(reports.length).toBeGreaterThanOrEqual(3);
      for (const fn of reports) {
        const cap = reservedOf(fn.name);
        expect(cap, fn.name).toBeGreaterThanOrEqual(1);
        expect(cap!, fn.name).toBeLessThanOrEqual(reserved / 20);
      }
    });

    it('sets each function\'s reserved concurrency as the manifest declares it, leaving the account its unreserved pool', () => {
      for (const fn of functions) expect(reservedOf(fn.name), fn.name).toBe(fn.reservedConcurrency);
      const total = functions.reduce((sum, fn) => sum + (reservedOf(fn.name) ?? 0), 0);
      expect(total + lambdaUnreservedMinimum).toBeLessThanOrEqual(assumedAccountQuotas.lambdaConcurrentExecutions);
    });

    it('bounds every SQS event source with MaximumConcurrency, never above the consumer\'s reservation', () => {
      const mappings = ofType(api, 'AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties!);
      expect(mappings.length).toBeGreaterThan(0);
      for (const mapping of mappings) {
        const max = (mapping['ScalingConfig'] as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency;
        expect(max, JSON.stringify(mapping['FunctionName'])).toBeGreaterThanOrEqual(maxConcurrencyRange.min);
        expect(max!).toBeLessThanOrEqual(maxConcurrencyRange.max);
      }
      for (const fn of functions.filter((f) => f.trigger)) {
        const mapping = mappings.find((m) => (m['FunctionName'] as { Ref: string }).Ref === fnLogicalId(fn.name))!;
        const max = (mapping['ScalingConfig'] as { MaximumConcurrency: number }).MaximumConcurrency;
        expect(max, fn.name).toBe(fn.trigger!.maxConcurrency ?? defaultTriggerMaxConcurrency);
        const reserved = reservedOf(fn.name);
        if (reserved !== undefined) expect(reserved, fn.name).toBeGreaterThanOrEqual(max);
      }
    });

    it('drains the gate scans\' queue faster than the spike fills it', () => {
      const aggregator = functions.find((f) => f.trigger?.queue === 'scan-events')!;
      const batchesPerSecond = spikeScanRequestsPerSecond() / aggregator.trigger!.batchSize;
      // Each of the consumers may take up to this long over a batch before the queue grows.
      const secondsPerBatch = aggregator.trigger!.maxConcurrency! / batchesPerSecond;
      expect(secondsPerBatch).toBeGreaterThanOrEqual(0.5);
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

    it('grants dynamodb:Scan only on the tables a function declares it scans (none does today)', () => {
      for (const fn of functions) {
        expect(allowedOn(fn, 'dynamodb:Scan'), fn.name).toEqual(new Set((fn.scans ?? []).map((t) => tableLogicalId(t))));
      }
      expect(functions.filter((f) => f.scans?.length)).toEqual([]);
    });

    it('lets each function read exactly the secrets of the keys it declares, and no other', () => {
      for (const fn of functions) {
        const reads = statementsOfRole(api, roleOf(fn.name)).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
        const readable = reads.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
        const expected = (fn.keys ?? []).map((key) => `:secret:${district.config.secretName}/${key}-??????`);
        expect(readable.length, fn.name).toBe(expected.length);
        for (const arn of expected) expect(readable.some((r) => r.includes(arn)), `${fn.name} reads ${arn}`).toBe(true);
      }
    });

    it('gives the code-signing key to the code-issuing function alone, and no key to the API document', () => {
      const holders = (key: string) => functions.filter((f) => (f.keys ?? []).includes(key as never)).map((f) => f.name);
      expect(holders('code-signing-key')).toEqual(['issue-code']);
      // A sampling point reads codes and ID cards as a gate does.
      expect(holders('pseudonym-key').sort()).toEqual(['post-samples', 'post-scans', 'register-resident']);
      expect(holders('code-public-key').sort()).toEqual(['code-keys', 'post-samples', 'post-scans']);
      const document = statementsOfRole(api, roleOf('openapi')).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
      expect(document).toEqual([]);
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

    it('has no statement on Resource "*" but X-Ray tracing\'s and, for a function that sends SMS, sns:Publish (neither has resource-level permissions)', () => {
      const tracing = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
      const policies = ofType(api, 'AWS::IAM::Policy');
      for (const fn of functions) {
        const allowed = [...(fn.sms ? ['sns:Publish'] : []), ...tracing].sort();
        for (const s of statementsOfRole(api, roleOf(fn.name))) {
          if ([s.Resource].flat().includes('*')) expect(actionsOf(s).sort(), `${fn.name} ${JSON.stringify(s)}`).toEqual(allowed);
          else expect(actionsOf(s).some((a) => a.startsWith('xray:') || a.startsWith('sns:')), `${fn.name} ${JSON.stringify(s)}`).toBe(false);
        }
      }
      // Every policy of the stack belongs to a function's role, so none was left out above.
      const roles = new Set(functions.map((fn) => roleOf(fn.name)));
      for (const [id, p] of policies) {
        const attached = (p.Properties!['Roles'] as { Ref?: string }[]).map((r) => r.Ref);
        if (!attached.some((r) => r && roles.has(r))) {
          const statements = (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement;
          expect(statements.filter((s) => [s.Resource].flat().includes('*')), id).toEqual([]);
        }
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
