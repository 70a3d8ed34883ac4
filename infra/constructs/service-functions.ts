import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionSpec, QueueName, TableName } from '@firstline/service';
import { envNames } from '@firstline/service';

export interface ServiceFunctionsProps {
  readonly specs: readonly FunctionSpec[];
  readonly repoRoot: string;
  readonly district: string;
  readonly timeZone: string;
  readonly tables: Readonly<Record<TableName, ITable>>;
  readonly queues: Readonly<Record<QueueName, IQueue>>;
  readonly secret: ISecret;
}

/** API Gateway stops waiting after 29 s: a route's function must finish before that. */
const httpTimeoutLimitSeconds = 29;

/**
 * One bundled function per manifest entry (esbuild, ESM, Node.js 24 on arm64), its log group,
 * its environment, exactly the grants the manifest declares, and its queue trigger.
 */
export class ServiceFunctions extends Construct {
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const environment: Record<string, string> = {
      [envNames.district]: props.district,
      [envNames.timeZone]: props.timeZone,
      [envNames.secretId]: props.secret.secretName,
      ...Object.fromEntries(Object.entries(props.tables).map(([name, t]) => [envNames.table(name as TableName), t.tableName])),
      ...Object.fromEntries(Object.entries(props.queues).map(([name, q]) => [envNames.queueUrl(name as QueueName), q.queueUrl])),
      POWERTOOLS_SERVICE_NAME: 'firstline',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
    const functions = new Map<string, NodejsFunction>();
    for (const spec of props.specs) {
      if (spec.routes?.length && spec.timeoutSeconds > httpTimeoutLimitSeconds) {
        throw new Error(`${spec.name} serves HTTP routes but its timeout is ${spec.timeoutSeconds}s (> ${httpTimeoutLimitSeconds}s)`);
      }
      const logGroup = new LogGroup(this, `${spec.name}-logs`, { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
      const fn = new NodejsFunction(this, spec.name, {
        entry: join(props.repoRoot, spec.entry),
        handler: 'handler',
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: spec.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds),
        environment,
        logGroup,
        projectRoot: props.repoRoot,
        depsLockFilePath: join(props.repoRoot, 'pnpm-lock.yaml'),
        bundling: {
          format: OutputFormat.ESM,
          target: 'node24',
          minify: true,
          sourceMap: true,
          mainFields: ['module', 'main'],
          // The SDK v3 is in the nodejs24.x runtime; bundling it would only grow cold starts.
          externalModules: ['@aws-sdk/*'],
          // Some dependencies still call require(); ESM bundles need it defined.
          banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        },
      });
      for (const t of spec.reads ?? []) props.tables[t].grantReadData(fn);
      for (const t of spec.writes ?? []) props.tables[t].grantReadWriteData(fn);
      for (const q of spec.sends ?? []) props.queues[q].grantSendMessages(fn);
      props.secret.grantRead(fn);
      if (spec.trigger) {
        fn.addEventSource(new SqsEventSource(props.queues[spec.trigger.queue], {
          batchSize: spec.trigger.batchSize,
          ...(spec.trigger.maxBatchingWindowSeconds > 0 ? { maxBatchingWindow: Duration.seconds(spec.trigger.maxBatchingWindowSeconds) } : {}),
          reportBatchItemFailures: true,
        }));
      }
      functions.set(spec.name, fn);
    }
    this.functions = functions;
  }
}
