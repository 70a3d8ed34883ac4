import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { CfnRole, IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bundleDefines, envNames, keyEnvNames } from '@firstline/service';
import type { DistrictKey, FunctionSpec, QueueName, QueueSpec, ServiceManifest, TableName, TableSpec } from '@firstline/service';
import { contactKeyConditions, contactOpenerRoleName } from './contact-key.ts';

export interface ServiceFunctionsProps {
  /**
   * What the stack runs: its functions, and its declared queues (a trigger's visibility timeout is
   * checked against its consumer) and tables (a grant names each index a function may query).
   */
  readonly service: ServiceManifest;
  /** Entries are relative to it; it holds the pnpm-lock.yaml that esbuild resolves against. */
  readonly repoRoot: string;
  /** The stack's id: a district's, or the city's. */
  readonly district: string;
  readonly timeZone: string;
  readonly tables: Readonly<Partial<Record<TableName, ITable>>>;
  /** The stack's queues, and any other stack's queue its functions send to (the city's). */
  readonly queues: Readonly<Partial<Record<QueueName, IQueue>>>;
  /**
   * The district's keys, one secret each (`districtKeys` in the manifest): a function may read only
   * the keys it declares, and learns only their secret ids. The city has none.
   */
  readonly keys?: Readonly<Partial<Record<DistrictKey, ISecret>>>;
  /**
   * The provincial service, for the functions that declare `province`: its address and the link's
   * secret, which only they are told of and may read.
   */
  readonly province?: { readonly url: string; readonly link: ISecret } | undefined;
  /**
   * The district's key for consented phone numbers (`ContactKey`, in the data stack): a function with
   * `contactKey: 'seal'` may only generate data keys under it, one with `'open'` only decrypt them,
   * and only those two are told its id. The city has none.
   */
  readonly contactKey?: IKey | undefined;
  /** More settings every function of the stack reads (the city it belongs to, its members). */
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

/**
 * Item reads (no streams: the tables have none) and the table description the SDK may ask for. Not
 * Scan: reading a whole table is granted only to a function that declares it (`scans`).
 */
const tableReadActions = ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:Query'];
const tableWriteActions = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const tableScanActions = ['dynamodb:Scan'];

/**
 * What `grantReadData` / `grantReadWriteData` give, less Scan unless asked for, on the table and on
 * each of its declared indexes by name (they would grant `<table>/index/*`, a wildcard cdk-nag rightly flags).
 */
function grantTable(grantee: IGrantable, table: ITable, spec: TableSpec | undefined, access: { readonly write: boolean; readonly scan: boolean }): void {
  const arns = [table.tableArn, ...(spec?.indexes ?? []).map((index) => `${table.tableArn}/index/${index.name}`)];
  const actions = [...tableReadActions, ...(access.write ? tableWriteActions : []), ...(access.scan ? tableScanActions : [])];
  Grant.addToPrincipal({ grantee, actions, resourceArns: arns });
}

/**
 * A function's part in consented contact, under the district's encryption context only: `seal` may
 * generate data keys (and so encrypt) but never decrypt; `open` may decrypt, and its role is given the
 * name the key's policy allows Decrypt to (`contactOpenerRoleName`).
 */
function grantContactKey(fn: NodejsFunction, spec: FunctionSpec, key: IKey, district: string): void {
  const action = spec.contactKey === 'open' ? 'kms:Decrypt' : 'kms:GenerateDataKey';
  Grant.addToPrincipal({ grantee: fn, actions: [action], resourceArns: [key.keyArn], conditions: contactKeyConditions(district) });
  if (spec.contactKey === 'open') (fn.role!.node.defaultChild as CfnRole).roleName = contactOpenerRoleName(district, spec.name);
}

/** Lambda's bounds for an SQS event source's `MaximumConcurrency`. */
export const maxConcurrencyRange = { min: 2, max: 1000 } as const;
/**
 * A trigger that declares no `maxConcurrency` still gets one: a small fleet of consumers, so a queue
 * added to the manifest can never fan out to the account's whole concurrency.
 */
export const defaultTriggerMaxConcurrency = 5;

/** The AWS managed policy every function role gets for its logs (cdk-nag IAM4 finding id). */
const basicExecutionPolicy = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/** API Gateway stops waiting for an integration after 29 s (HTTP API hard limit 30 s). */
export const httpTimeoutLimitSeconds = 29;

/**
 * Everything in the manifest that CloudFormation or Lambda would refuse (or silently get wrong),
 * reported together and before any bundling, so a bad manifest fails `cdk synth` in a second.
 */
export function checkFunctionSpecs(
  specs: readonly FunctionSpec[],
  queueSpecs: readonly QueueSpec[],
  available: { readonly tables: readonly string[]; readonly queues: readonly string[]; readonly keys?: readonly string[]; readonly contactKey?: boolean; readonly district?: string },
): void {
  const problems: string[] = [];
  const names = new Set<string>();
  const routeOwners = new Map<string, string>();
  const consumers = new Map<string, string>();
  for (const spec of specs) {
    if (names.has(spec.name)) problems.push(`function ${spec.name} is declared twice`);
    names.add(spec.name);
    if (spec.memoryMb < 128 || spec.memoryMb > 10240) problems.push(`${spec.name}: memoryMb ${spec.memoryMb} is outside Lambda's 128-10240`);
    if (spec.timeoutSeconds < 1 || spec.timeoutSeconds > 900) problems.push(`${spec.name}: timeoutSeconds ${spec.timeoutSeconds} is outside Lambda's 1-900`);
    if (spec.routes?.length && spec.timeoutSeconds > httpTimeoutLimitSeconds) {
      problems.push(`${spec.name} serves HTTP routes, so its timeout must be <= ${httpTimeoutLimitSeconds}s (API Gateway gives up then), not ${spec.timeoutSeconds}s`);
    }
    for (const table of [...(spec.reads ?? []), ...(spec.writes ?? [])]) {
      if (!available.tables.includes(table)) problems.push(`${spec.name} uses table ${table}, which the manifest does not declare`);
    }
    for (const key of spec.keys ?? []) {
      if (!(available.keys ?? []).includes(key)) problems.push(`${spec.name} declares the ${key}, which this stack does not hold`);
    }
    if (spec.contactKey && !available.contactKey) problems.push(`${spec.name} declares contactKey '${spec.contactKey}', but this stack holds no contact key`);
    if (spec.contactKey === 'open' && available.district !== undefined) {
      try {
        contactOpenerRoleName(available.district, spec.name);
      } catch (error) {
        problems.push(`${spec.name}: ${(error as Error).message}`);
      }
    }
    for (const table of spec.scans ?? []) {
      if (![...(spec.reads ?? []), ...(spec.writes ?? [])].includes(table)) problems.push(`${spec.name} scans table ${table} but neither reads nor writes it`);
    }
    if (spec.reservedConcurrency !== undefined && !(Number.isInteger(spec.reservedConcurrency) && spec.reservedConcurrency >= 1)) {
      // 0 is valid to Lambda and stops every invocation: never what a manifest typo should do.
      problems.push(`${spec.name}: reservedConcurrency ${spec.reservedConcurrency} must be a whole number of at least 1`);
    }
    for (const queue of [...(spec.sends ?? []), ...(spec.trigger ? [spec.trigger.queue] : [])]) {
      if (!available.queues.includes(queue)) problems.push(`${spec.name} uses queue ${queue}, which the manifest does not declare`);
    }
    for (const route of spec.routes ?? []) {
      const key = `${route.method} ${route.path}`;
      const owner = routeOwners.get(key);
      if (owner) problems.push(`route ${key} is declared by both ${owner} and ${spec.name}`);
      routeOwners.set(key, spec.name);
      if (route.path.startsWith('/local')) problems.push(`${spec.name}: ${key} is local-only and must never reach a cloud stack`);
      const throttle = route.throttle;
      if (throttle && !(throttle.rateLimit > 0 && Number.isInteger(throttle.burstLimit) && throttle.burstLimit >= 1)) {
        problems.push(`${spec.name}: ${key} throttle needs a rateLimit above 0 and a whole burstLimit of at least 1, not ${JSON.stringify(throttle)}`);
      }
    }
    if (spec.trigger) {
      const { queue, batchSize, maxBatchingWindowSeconds } = spec.trigger;
      const other = consumers.get(queue);
      // Two consumers on one queue would each see only part of its messages.
      if (other) problems.push(`queue ${queue} triggers both ${other} and ${spec.name}`);
      consumers.set(queue, spec.name);
      const queueSpec = queueSpecs.find((q) => q.name === queue);
      if (queueSpec && queueSpec.visibilityTimeoutSeconds < spec.timeoutSeconds) {
        problems.push(`queue ${queue}: visibility timeout ${queueSpec.visibilityTimeoutSeconds}s is shorter than its consumer ${spec.name}'s timeout ${spec.timeoutSeconds}s (Lambda refuses the mapping)`);
      }
      if (batchSize > 10 && maxBatchingWindowSeconds < 1) problems.push(`${spec.name}: a batch size above 10 needs a batching window of at least 1 s`);
      const maxConcurrency = spec.trigger.maxConcurrency ?? defaultTriggerMaxConcurrency;
      if (!Number.isInteger(maxConcurrency) || maxConcurrency < maxConcurrencyRange.min || maxConcurrency > maxConcurrencyRange.max) {
        problems.push(`${spec.name}: trigger maxConcurrency ${maxConcurrency} is outside Lambda's ${maxConcurrencyRange.min}-${maxConcurrencyRange.max}`);
      }
      // Below the event source's maximum, Lambda throttles the poller's own invocations.
      if (spec.reservedConcurrency !== undefined && spec.reservedConcurrency < maxConcurrency) {
        problems.push(`${spec.name}: reservedConcurrency ${spec.reservedConcurrency} is below its trigger's maxConcurrency ${maxConcurrency}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`the service manifest cannot be deployed:\n  ${problems.join('\n  ')}`);
}

/**
 * One bundled function per manifest entry (esbuild, ESM, Node.js 24 on arm64), its log group, its
 * environment, exactly the grants the manifest declares, and its queue trigger.
 */
export class ServiceFunctions extends Construct {
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const keys = props.keys ?? {};
    checkFunctionSpecs(props.service.functions, props.service.queues, {
      tables: Object.keys(props.tables), queues: Object.keys(props.queues), keys: Object.keys(keys), contactKey: props.contactKey !== undefined, district: props.district,
    });

    // Every function gets every table and queue name: handlers build their whole runtime config once
    // per container. Keys are the exception: each function is told of (and may read) only its own.
    const environment: Record<string, string> = {
      [envNames.district]: props.district,
      [envNames.timeZone]: props.timeZone,
      ...Object.fromEntries(Object.entries(props.tables).map(([name, t]) => [envNames.table(name as TableName), t!.tableName])),
      ...Object.fromEntries(Object.entries(props.queues).map(([name, q]) => [envNames.queueUrl(name as QueueName), q!.queueUrl])),
      ...props.environment,
      // Stack traces point at the TypeScript sources, not at the minified bundle.
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'firstline',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      // Custom metrics (EMF) land in one namespace; the dashboards graph them by `district`.
      POWERTOOLS_METRICS_NAMESPACE: 'Firstline',
    };

    const functions = new Map<string, NodejsFunction>();
    for (const spec of props.service.functions) {
      const logGroup = new LogGroup(this, `${spec.name}-logs`, { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
      const fn = new NodejsFunction(this, spec.name, {
        description: `Firstline ${props.district}: ${spec.name}`,
        entry: join(props.repoRoot, spec.entry),
        handler: 'handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        reservedConcurrentExecutions: spec.reservedConcurrency,
        environment: {
          ...environment,
          ...Object.fromEntries((spec.keys ?? []).map((key) => [keyEnvNames.secretId(key), keys[key]!.secretName])),
          ...(spec.province && props.province ? { [envNames.provinceUrl]: props.province.url, [envNames.provinceLinkSecretId]: props.province.link.secretName } : {}),
          ...(spec.contactKey && props.contactKey ? { [envNames.contactKeyId]: props.contactKey.keyArn } : {}),
        },
        logGroup,
        // X-Ray: every invocation traced by Lambda itself (no X-Ray SDK in the bundles: see observe()).
        tracing: Tracing.ACTIVE,
        projectRoot: props.repoRoot,
        depsLockFilePath: join(props.repoRoot, 'pnpm-lock.yaml'),
        bundling: {
          format: OutputFormat.ESM,
          target: 'node24',
          mainFields: ['module', 'main'],
          minify: true,
          sourceMap: true,
          // File and line are what a stack trace needs; the sources themselves would triple the map.
          sourcesContent: false,
          charset: Charset.UTF8,
          logLevel: LogLevel.WARNING,
          // The SDK v3 ships with the nodejs24.x runtime; bundling it would only slow cold starts.
          externalModules: ['@aws-sdk/*'],
          // Some dependencies still call require(); an ESM bundle has to define it.
          banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          // The function's own manifest entry, in place of the whole manifest.
          define: bundleDefines(spec),
        },
      });
      const writes = new Set(spec.writes ?? []);
      const scans = new Set(spec.scans ?? []);
      for (const table of new Set([...(spec.reads ?? []), ...writes])) {
        grantTable(fn, props.tables[table]!, props.service.tables.find((t) => t.name === table), { write: writes.has(table), scan: scans.has(table) });
      }
      for (const queue of spec.sends ?? []) props.queues[queue]!.grantSendMessages(fn);
      for (const key of spec.keys ?? []) keys[key]!.grantRead(fn);
      if (spec.province) props.province?.link.grantRead(fn);
      if (spec.contactKey && props.contactKey) grantContactKey(fn, spec, props.contactKey, props.district);
      // SMS to a phone number has no resource ARN: SNS accepts only "*" for it (acknowledged below).
      if (spec.sms) Grant.addToPrincipal({ grantee: fn, actions: ['sns:Publish'], resourceArns: ['*'] });
      if (spec.trigger) {
        const { queue, batchSize, maxBatchingWindowSeconds, maxConcurrency } = spec.trigger;
        // Grants the consume actions on the queue itself.
        fn.addEventSource(new SqsEventSource(props.queues[queue]!, {
          batchSize,
          maxBatchingWindow: maxBatchingWindowSeconds > 0 ? Duration.seconds(maxBatchingWindowSeconds) : undefined,
          reportBatchItemFailures: true,
          maxConcurrency: maxConcurrency ?? defaultTriggerMaxConcurrency,
        }));
      }
      Validations.of(fn.role!).acknowledge({
        id: basicExecutionPolicy,
        reason: 'AWSLambdaBasicExecutionRole allows only logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents (no reads, no data); '
          + 'the function writes to its own log group (90-day retention). Everything else on the role is a scoped grant from the manifest.',
      });
      // X-Ray has no resource-level permissions: PutTraceSegments/PutTelemetryRecords are only ever granted on "*".
      Validations.of(fn.role!).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: spec.sms
          ? 'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Lambda\'s tracing statement is on "*"; '
            + 'and this function sends SMS (`sms` in the manifest): sns:Publish straight to a phone number has no resource ARN, so SNS requires "*" for it. These are the only "*" on the role.'
          : 'Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Lambda\'s tracing statement is on "*" (the only "*" on the role).',
      });
      functions.set(spec.name, fn);
    }
    this.functions = functions;
  }
}
