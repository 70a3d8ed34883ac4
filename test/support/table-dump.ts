import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { RunningStack } from './local-stack.ts';

interface Status {
  endpoints: { dynamodb: string; sqs: string };
  tables: Record<string, string>;
}

/**
 * Every item of every district table as JSON text, read through the DynamoDB API (the files on
 * disk are LevelDB blocks, possibly compressed, so searching them alone could miss a value).
 */
export async function dumpTables(stack: RunningStack): Promise<string> {
  const status = (await stack.client.get<Status>('/local/status')).body;
  const dynamodb = new DynamoDBClient({
    endpoint: status.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const parts: string[] = [];
  for (const table of Object.values(status.tables)) {
    for await (const page of paginateScan({ client: dynamodb }, { TableName: table })) parts.push(JSON.stringify(page.Items ?? []));
  }
  dynamodb.destroy();
  return parts.join('\n');
}
