import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * SDK clients, created once per container. Endpoints come from the standard
 * `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_SQS` variables, which is how the local stack
 * points the very same code at its emulators.
 */
export interface AwsClients {
  readonly documents: DynamoDBDocumentClient;
  /**
   * The SQS client, its SDK package imported on the first send: most functions never send, and
   * importing it costs every cold start ~10 ms beside DynamoDB's.
   */
  readonly sqs: () => Promise<SQSClient>;
}

/**
 * Hooks that see every DynamoDB client a runtime makes, before its first request. Only the local
 * stack and the benchmarks add any (capacity metering, injected faults: `./instrumentation`), so
 * none of that code is in a function's bundle.
 */
const dynamoHooks: ((client: DynamoDBClient) => void)[] = [];

export function onDynamoClient(hook: (client: DynamoDBClient) => void): void {
  dynamoHooks.push(hook);
}

export function createClients(): AwsClients {
  const dynamo = new DynamoDBClient({ maxAttempts: 6 });
  for (const hook of dynamoHooks) hook(dynamo);
  let sqs: Promise<SQSClient> | undefined;
  return {
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    // Queue URLs carry their own host; sending to the configured endpoint instead keeps the local
    // emulator's `sqs.<region>.localhost` URLs usable and changes nothing against real SQS.
    sqs: () => (sqs ??= import('@aws-sdk/client-sqs').then(({ SQSClient }) => new SQSClient({ maxAttempts: 6, useQueueUrlAsEndpoint: false }))),
  };
}
