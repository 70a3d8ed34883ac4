import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Capacity units and requests a process consumed, as DynamoDB reports them (benchmarks, cost figures). */
export interface CapacityTally {
  readUnits: number;
  writeUnits: number;
  readRequests: number;
  writeRequests: number;
  /** Conditional writes refused: DynamoDB bills each as a write unit, the emulator reports none. */
  conditionalFailures: number;
}

export const capacityTally: CapacityTally = { readUnits: 0, writeUnits: 0, readRequests: 0, writeRequests: 0, conditionalFailures: 0 };

const writes = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand']);
const reads = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand']);

export function resetCapacityTally(): void {
  Object.assign(capacityTally, { readUnits: 0, writeUnits: 0, readRequests: 0, writeRequests: 0, conditionalFailures: 0 });
}

/**
 * Asks DynamoDB for the consumed capacity of every request and adds it to `capacityTally`. Only
 * switched on by `FIRSTLINE_METER_CAPACITY=1` (benchmarks): it changes no behaviour, but it is
 * work the production path has no use for.
 */
export function meterCapacity(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      const isWrite = writes.has(command);
      if (!isWrite && !reads.has(command)) return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      if (isWrite) capacityTally.writeRequests++;
      else capacityTally.readRequests++;
      try {
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
        const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        if (isWrite) capacityTally.writeUnits += units;
        else capacityTally.readUnits += units;
        return result;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          capacityTally.conditionalFailures++;
          capacityTally.writeUnits += 1;
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'firstlineCapacityMeter' },
  );
}
