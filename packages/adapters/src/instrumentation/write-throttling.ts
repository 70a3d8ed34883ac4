import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { shouldFault } from '@firstline/service';

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
