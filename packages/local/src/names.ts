import type { QueueName, TableName } from '@firstline/service';

/** Local resource names, one set per district, as separate stacks in one account would have. */
export const localTableName = (district: string, table: TableName) => `firstline-${district}-${table}`;
export const localQueueName = (district: string, queue: QueueName) => `firstline-${district}-${queue}`;
export const localDlqName = (district: string, queue: QueueName) => `${localQueueName(district, queue)}-dlq`;
