import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { faultConfigured, shouldFault } from '@firstline/service';
import { meterCapacity } from './capacity-meter.ts';

/**
 * SDK clients, created once per container. Endpoints come from the standard
 * `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_SQS` variables, which is how the local stack
 * points the very same code at its emulators.
 */
export interface AwsClients {
  readonly documents: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
}

/** Each SDK call a subsegment of the invocation's X-Ray trace; a no-op where tracing is off (locally). */
const tracer = new Tracer({ serviceName: 'firstline' });

export function createClients(): AwsClients {
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ maxAttempts: 6 }));
  if (process.env['FIRSTLINE_METER_CAPACITY'] === '1') meterCapacity(dynamo);
  // Fault suites only: FIRSTLINE_FAULTS='{"dynamodb.write":{"rate":0.05}}'.
  if (faultConfigured('dynamodb.write')) injectWriteThrottling(dynamo);
  return {
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    // Queue URLs carry their own host; sending to the configured endpoint instead keeps the local
    // emulator's `sqs.<region>.localhost` URLs usable and changes nothing against real SQS.
    sqs: tracer.captureAWSv3Client(new SQSClient({ maxAttempts: 6, useQueueUrlAsEndpoint: false })),
  };
}

const writeCommands = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);

/**
 * Makes a share of write commands fail with DynamoDB's throttling error before they are sent,
 * inside the SDK's retry loop (after `retryMiddleware`): each attempt may be throttled, and the
 * SDK's own retry strategy (backoff, retry quota, `maxAttempts`) handles it as it would a real
 * `ProvisionedThroughputExceededException`. Nothing reaches the table on a throttled attempt.
 */
export function injectWriteThrottling(client: DynamoDBClient, due: () => boolean = () => shouldFault('dynamodb.write')): void {
  const throttle = (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
    if (writeCommands.has(String(context.commandName)) && due()) {
      throw new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded (injected fault at dynamodb.write)',
        $metadata: { httpStatusCode: 400 },
      });
    }
    return next(args);
  };
  client.middlewareStack.addRelativeTo(throttle as never, { relation: 'after', toMiddleware: 'retryMiddleware', name: 'firstlineInjectedThrottling', override: true });
}
