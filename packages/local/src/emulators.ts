import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { QueueName, ServiceManifest, TableName } from '@firstline/service';
import { startFauxqs } from 'fauxqs';
import { localDlqName, localQueueName, localTableName } from './names.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { path?: string; createTableMs?: number }) => import('node:http').Server;

export const localRegion = 'us-east-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface Emulators {
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  stop(): Promise<void>;
}

/**
 * Runs `start` with every server it starts listening on loopback. fauxqs binds 0.0.0.0 whatever it
 * is told (its `host` option only names the host in queue URLs; so in 2.4.1 and in 2.9.2), and the
 * local stack answers on this machine only: a wildcard listen is steered to 127.0.0.1 meanwhile.
 */
async function onLoopback<T>(start: () => Promise<T>): Promise<T> {
  const listen = NetServer.prototype.listen;
  const wildcard = new Set(['0.0.0.0', '::', '']);
  NetServer.prototype.listen = function listenOnLoopback(this: NetServer, ...args: unknown[]) {
    const [options] = args;
    if (options !== null && typeof options === 'object' && wildcard.has(String((options as { host?: string }).host ?? ''))) {
      args[0] = { ...options, host: '127.0.0.1' };
    }
    return listen.apply(this, args as Parameters<typeof listen>);
  } as typeof listen;
  try {
    return await start();
  } finally {
    NetServer.prototype.listen = listen;
  }
}

/** dynalite and fauxqs in this process, on loopback only, their data on disk under `dataDir` so a restart loses nothing. */
export async function startEmulators(dataDir: string): Promise<Emulators> {
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  await mkdir(join(dataDir, 'sqs'), { recursive: true });
  const dynamoServer = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0 });
  await new Promise<void>((resolve) => dynamoServer.listen(0, '127.0.0.1', resolve));
  const dynamodbEndpoint = `http://127.0.0.1:${(dynamoServer.address() as AddressInfo).port}`;
  const fauxqs = await onLoopback(() => startFauxqs({ port: 0, logger: false, dataDir: join(dataDir, 'sqs'), defaultRegion: localRegion }));
  const common = { region: localRegion, credentials: localCredentials };
  return {
    dynamodbEndpoint,
    sqsEndpoint: fauxqs.address,
    dynamodb: new DynamoDBClient({ ...common, endpoint: dynamodbEndpoint }),
    sqs: new SQSClient({ ...common, endpoint: fauxqs.address, useQueueUrlAsEndpoint: false }),
    stop: async () => {
      await fauxqs.stop();
      await new Promise<void>((resolve) => dynamoServer.close(() => resolve()));
    },
  };
}

export interface EmulatorEndpoints {
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
}

/** Clients of emulators another process runs (the city and districts of `pnpm dev` share one pair). */
export function connectEmulators(endpoints: EmulatorEndpoints): Emulators {
  const common = { region: localRegion, credentials: localCredentials };
  return {
    ...endpoints,
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodbEndpoint }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqsEndpoint, useQueueUrlAsEndpoint: false }),
    stop: async () => undefined,
  };
}

export interface StackResources {
  readonly tables: Readonly<Partial<Record<TableName, string>>>;
  readonly queueUrls: Readonly<Partial<Record<QueueName, string>>>;
  readonly dlqUrls: Readonly<Partial<Record<QueueName, string>>>;
}

/**
 * Creates (or finds) a stack's tables and queues, exactly as its manifest declares them.
 * `visibilityTimeoutSeconds` overrides every queue's, so that tests of redelivery need not wait
 * minutes; a data dir keeps the timeout it was created with.
 */
export async function provisionStack(emulators: Emulators, service: ServiceManifest, stackId: string, visibilityTimeoutSeconds?: number): Promise<StackResources> {
  const { tables, queues } = service;
  const district = stackId;
  const tableNames = {} as Record<TableName, string>;
  for (const spec of tables) {
    const name = localTableName(district, spec.name);
    tableNames[spec.name] = name;
    const keys = [spec.partitionKey, spec.sortKey, ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]
      .filter((k): k is string => k !== undefined);
    const keySchema = (pk: string, sk?: string) => [
      { AttributeName: pk, KeyType: 'HASH' as const },
      ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' as const }] : []),
    ];
    try {
      await emulators.dynamodb.send(new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...new Set(keys)].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: keySchema(spec.partitionKey, spec.sortKey),
        GlobalSecondaryIndexes: spec.indexes.length === 0 ? undefined : spec.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
      }));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(emulators.dynamodb, name, spec.indexes, keySchema);
    }
    await waitActive(emulators.dynamodb, name);
  }
  const queueUrls = {} as Record<QueueName, string>;
  const dlqUrls = {} as Record<QueueName, string>;
  for (const spec of queues) {
    const dlq = await emulators.sqs.send(new CreateQueueCommand({ QueueName: localDlqName(district, spec.name), Attributes: { MessageRetentionPeriod: '1209600' } }));
    const dlqArn = await queueArn(emulators.sqs, dlq.QueueUrl!);
    const queue = await emulators.sqs.send(new CreateQueueCommand({
      QueueName: localQueueName(district, spec.name),
      Attributes: {
        VisibilityTimeout: String(visibilityTimeoutSeconds ?? spec.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: spec.maxReceiveCount }),
      },
    }));
    queueUrls[spec.name] = queue.QueueUrl!;
    dlqUrls[spec.name] = dlq.QueueUrl!;
  }
  return { tables: tableNames, queueUrls, dlqUrls };
}

/**
 * A data dir made before the manifest grew an index: create the index on the kept table (items
 * written before carry no key for it, as in the cloud after a GSI is added to a live table).
 */
async function addMissingIndexes(
  dynamodb: DynamoDBClient,
  table: string,
  indexes: ServiceManifest['tables'][number]['indexes'],
  keySchema: (pk: string, sk?: string) => { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[],
): Promise<void> {
  const existing = new Set(((await dynamodb.send(new DescribeTableCommand({ TableName: table }))).Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of indexes.filter((i) => !existing.has(i.name))) {
    await waitActive(dynamodb, table);
    await dynamodb.send(new UpdateTableCommand({
      TableName: table,
      AttributeDefinitions: [index.partitionKey, index.sortKey].flatMap((k) => (k ? [{ AttributeName: k, AttributeType: 'S' as const }] : [])),
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.name, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' } } }],
    }));
  }
}

async function waitActive(dynamodb: DynamoDBClient, table: string): Promise<void> {
  for (;;) {
    const out = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
    if (out.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes!.QueueArn!;
}
