import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
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

export function createClients(): AwsClients {
  const dynamo = new DynamoDBClient({ maxAttempts: 6 });
  if (process.env['FIRSTLINE_METER_CAPACITY'] === '1') meterCapacity(dynamo);
  return {
    documents: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    // Queue URLs carry their own host; sending to the configured endpoint instead keeps the local
    // emulator's `sqs.<region>.localhost` URLs usable and changes nothing against real SQS.
    sqs: new SQSClient({ maxAttempts: 6, useQueueUrlAsEndpoint: false }),
  };
}
