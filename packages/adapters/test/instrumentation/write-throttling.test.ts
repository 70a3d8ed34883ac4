import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient, GetItemCommand, PutItemCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { resetFaults } from '@firstline/service';
import { injectWriteThrottling, instrumentFromEnv } from '../../src/instrumentation/index.ts';
import { createClients } from '../../src/runtime/clients.ts';

vi.spyOn(process.stderr, 'write').mockImplementation(() => true);

/** A client whose "network" answers every request with `{}` and counts what was sent. */
function fakeDynamo(maxAttempts = 3) {
  const sent: string[] = [];
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://dynamodb.invalid',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        sent.push(request.headers['x-amz-target'] ?? '?');
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: new TextEncoder().encode('{}') } };
      },
    } as never,
  });
  return { client, sent };
}

const put = () => new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } });
const get = () => new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } });

afterEach(() => {
  delete process.env['FIRSTLINE_FAULTS'];
  resetFaults();
});

describe('injected DynamoDB write throttling', () => {
  it('throttles writes before they are sent, and the SDK retry strategy retries them', async () => {
    const { client, sent } = fakeDynamo(3);
    let due = 2;
    injectWriteThrottling(client, () => due-- > 0);

    const out = await client.send(put());

    expect(out.$metadata.attempts).toBe(3);
    expect(sent).toEqual(['DynamoDB_20120810.PutItem']);
  }, 20_000);

  it('gives up after maxAttempts with ProvisionedThroughputExceededException, having sent nothing', async () => {
    const { client, sent } = fakeDynamo(2);
    injectWriteThrottling(client, () => true);

    const error = await client.send(put()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect((error as ProvisionedThroughputExceededException).$metadata.attempts).toBe(2);
    expect(sent).toEqual([]);
  }, 20_000);

  it('leaves reads alone', async () => {
    const { client, sent } = fakeDynamo();
    injectWriteThrottling(client, () => true);

    await client.send(get());

    expect(sent).toEqual(['DynamoDB_20120810.GetItem']);
  });

  it('is installed in new clients by instrumentFromEnv only when FIRSTLINE_FAULTS names dynamodb.write', () => {
    const names = () => {
      instrumentFromEnv();
      return createClients().documents.middlewareStack.identify().join(' ');
    };
    expect(names()).not.toContain('firstlineInjectedThrottling');
    process.env['FIRSTLINE_FAULTS'] = JSON.stringify({ 'scan-aggregator.record': { rate: 0.1 } });
    resetFaults();
    expect(names()).not.toContain('firstlineInjectedThrottling');
    process.env['FIRSTLINE_FAULTS'] = JSON.stringify({ 'dynamodb.write': { rate: 0.05 } });
    resetFaults();
    expect(names()).toContain('firstlineInjectedThrottling');
  });
});
