import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { cityService, districtKeys, envNames, functions, queues, tables } from '@firstline/service';
import type { FunctionSpec, QueueSpec, ServiceManifest } from '@firstline/service';
import { repoRoot } from '../bin/district-configs.ts';
import { DistrictTables, tableLogicalId } from '../constructs/district-tables.ts';
import { checkFunctionSpecs, ServiceFunctions } from '../constructs/service-functions.ts';
import { actionsOf, ofType } from './template-refs.ts';
import type { Statement } from './template-refs.ts';

// A district's functions send to the city's queue as well as their own.
const available = { tables: tables.map((t) => t.name), queues: [...queues, ...cityService.queues].map((q) => q.name), keys: [...districtKeys], contactKey: true };
const route = (path: string) => ({ method: 'POST' as const, path, roles: ['admin' as const] });
const fn = (over: Partial<FunctionSpec>): FunctionSpec => ({ name: 'f', entry: 'functions/f.ts', memoryMb: 256, timeoutSeconds: 10, ...over });
const check = (specs: FunctionSpec[], queueSpecs: readonly QueueSpec[] = queues) => () => checkFunctionSpecs(specs, queueSpecs, available);

describe('checkFunctionSpecs', () => {
  it('accepts the service manifest', () => {
    expect(check([...functions])).not.toThrow();
  });

  it('refuses a function that declares a key the stack does not hold (the city holds none)', () => {
    expect(() => checkFunctionSpecs([fn({ keys: ['code-signing-key'] })], queues, { ...available, keys: [] })).toThrow(/f declares the code-signing-key, which this stack does not hold/);
  });

  it('refuses a route whose function may outlive API Gateway', () => {
    expect(check([fn({ timeoutSeconds: 30, routes: [route('/v1/x')] })])).toThrow(/timeout must be <= 29s/);
  });

  it('allows a long timeout for a function without routes', () => {
    expect(check([fn({ timeoutSeconds: 900, schedule: { cron: 'cron(0 0 * * ? *)' } })])).not.toThrow();
  });

  it('refuses a consumer that outlives its queue visibility timeout', () => {
    const short: QueueSpec[] = [{ name: 'dispatch', visibilityTimeoutSeconds: 20, maxReceiveCount: 5 }];
    expect(check([fn({ timeoutSeconds: 30, trigger: { queue: 'dispatch', batchSize: 10, maxBatchingWindowSeconds: 0 } })], short)).toThrow(/visibility timeout 20s is shorter/);
  });

  it('refuses two consumers on one queue, a route declared twice, a local-only route', () => {
    const trigger = { queue: 'dispatch' as const, batchSize: 10, maxBatchingWindowSeconds: 0 };
    expect(check([fn({ name: 'a', trigger }), fn({ name: 'b', trigger })])).toThrow(/triggers both a and b/);
    expect(check([fn({ name: 'a', routes: [route('/v1/x')] }), fn({ name: 'b', routes: [route('/v1/x')] })])).toThrow(/POST \/v1\/x is declared by both a and b/);
    expect(check([fn({ routes: [route('/local/tokens')] })])).toThrow(/local-only/);
  });

  it('refuses tables and queues the manifest does not declare, and lists every problem at once', () => {
    const bad = fn({ reads: ['nope' as never], sends: ['gone' as never], memoryMb: 64 });
    expect(check([bad])).toThrow(/table nope[\s\S]*queue gone|memoryMb 64[\s\S]*table nope/);
    expect(() => checkFunctionSpecs([bad], queues, available)).toThrow(/memoryMb 64 is outside/);
  });

  it('refuses a batch above 10 without a batching window', () => {
    expect(check([fn({ trigger: { queue: 'dispatch', batchSize: 100, maxBatchingWindowSeconds: 0 } })])).toThrow(/batching window/);
  });

  it('refuses a trigger maxConcurrency outside Lambda\'s 2-1000, and a reservation below it', () => {
    const trigger = (maxConcurrency?: number) => ({ queue: 'dispatch' as const, batchSize: 10, maxBatchingWindowSeconds: 0, ...(maxConcurrency === undefined ? {} : { maxConcurrency }) });
    expect(check([fn({ trigger: trigger(1) })])).toThrow(/maxConcurrency 1 is outside Lambda's 2-1000/);
    expect(check([fn({ trigger: trigger(1001) })])).toThrow(/maxConcurrency 1001 is outside/);
    expect(check([fn({ trigger: trigger(20), reservedConcurrency: 10 })])).toThrow(/reservedConcurrency 10 is below its trigger's maxConcurrency 20/);
    expect(check([fn({ trigger: trigger(), reservedConcurrency: 4 })])).toThrow(/below its trigger's maxConcurrency 5/);
    expect(check([fn({ trigger: trigger(20), reservedConcurrency: 20 })])).not.toThrow();
  });

  it('refuses a reservation of 0 (which stops the function) or a fraction', () => {
    expect(check([fn({ reservedConcurrency: 0 })])).toThrow(/reservedConcurrency 0 must be a whole number of at least 1/);
    expect(check([fn({ reservedConcurrency: 2.5 })])).toThrow(/reservedConcurrency 2.5/);
  });

  it('refuses a route throttle that would stop the route', () => {
    const throttled = (rateLimit: number, burstLimit: number) => fn({ routes: [{ ...route('/v1/x'), throttle: { rateLimit, burstLimit } }] });
    expect(check([throttled(0, 10)])).toThrow(/POST \/v1\/x throttle needs a rateLimit above 0/);
    expect(check([throttled(10, 0)])).toThrow(/whole burstLimit of at least 1/);
    expect(check([throttled(10, 20)])).not.toThrow();
  });

  it('refuses a Scan on a table the function neither reads nor writes', () => {
    expect(check([fn({ scans: ['core'] })])).toThrow(/f scans table core but neither reads nor writes it/);
    expect(check([fn({ reads: ['core'], scans: ['core'] })])).not.toThrow();
  });
});

describe('ServiceFunctions grants', () => {
  const synthGrants = (spec: FunctionSpec) => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    const data = new DistrictTables(stack, 'Tables', { specs: tables, retain: false });
    const service: ServiceManifest = { kind: 'district', tables, queues: [], functions: [spec] };
    new ServiceFunctions(stack, 'Functions', { service, repoRoot, district: 'probe', timeZone: 'Asia/Shanghai', tables: data.tables, queues: {}, logRetention: RetentionDays.ONE_DAY });
    const statements = ofType(Template.fromStack(stack), 'AWS::IAM::Policy').flatMap(([, p]) => (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement);
    return statements.filter((s) => actionsOf(s).includes('dynamodb:Scan')).flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
  };
  const entry = 'functions/openapi/district-openapi.ts';

  it('gives dynamodb:Scan on the declared table and its indexes only, and none without a declaration', () => {
    const scanned = synthGrants({ name: 'scanner-probe', entry, memoryMb: 128, timeoutSeconds: 5, reads: ['core', 'stats'], scans: ['core'] });
    expect(scanned.some((r) => r.includes(tableLogicalId('core')) && !r.includes('/index/'))).toBe(true);
    for (const index of tables.find((t) => t.name === 'core')!.indexes) expect(scanned.some((r) => r.includes(`/index/${index.name}`)), index.name).toBe(true);
    expect(scanned.some((r) => r.includes(tableLogicalId('stats')))).toBe(false);
    expect(synthGrants({ name: 'reader-probe', entry, memoryMb: 128, timeoutSeconds: 5, reads: ['core'] })).toEqual([]);
  });
});

describe('ServiceFunctions and the province', () => {
  const entry = 'functions/openapi/district-openapi.ts';
  const synth = (province: boolean) => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    const link = Secret.fromSecretNameV2(stack, 'Link', 'firstline/probe/province-link');
    const service: ServiceManifest = {
      kind: 'district', tables, queues: [],
      functions: [{ name: 'gate-probe', entry, memoryMb: 128, timeoutSeconds: 5, province: true }, { name: 'other-probe', entry, memoryMb: 128, timeoutSeconds: 5 }],
    };
    new ServiceFunctions(stack, 'Functions', {
      service, repoRoot, district: 'probe', timeZone: 'Asia/Shanghai', tables: {}, queues: {}, logRetention: RetentionDays.ONE_DAY,
      province: province ? { url: 'https://province.example/', link } : undefined,
    });
    const template = Template.fromStack(stack);
    const envOf = (name: string) => {
      const [, fnResource] = ofType(template, 'AWS::Lambda::Function').find(([, r]) => String(r.Properties!['Description']).endsWith(name))!;
      return (fnResource.Properties!['Environment'] as { Variables: Record<string, unknown> }).Variables;
    };
    const secretReaders = ofType(template, 'AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties!['PolicyDocument'] as { Statement: Statement[] }).Statement.some((st) => actionsOf(st).includes('secretsmanager:GetSecretValue')))
      .map(([id]) => id);
    return { envOf, secretReaders };
  };

  it('tells only the functions that declare it of the province, and lets only them read its link', () => {
    const { envOf, secretReaders } = synth(true);

    expect(envOf('gate-probe')).toMatchObject({ [envNames.provinceUrl]: 'https://province.example/', [envNames.provinceLinkSecretId]: 'firstline/probe/province-link' });
    expect(envOf('other-probe')[envNames.provinceUrl]).toBeUndefined();
    expect(secretReaders).toHaveLength(1);
    expect(secretReaders[0]).toContain('gateprobe');
  });

  it('leaves every function without the province when the district has none', () => {
    const { envOf, secretReaders } = synth(false);

    expect(envOf('gate-probe')[envNames.provinceUrl]).toBeUndefined();
    expect(secretReaders).toEqual([]);
  });
});
