import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';

// EMF on (as in Lambda), through the global console so that it can be spied on (POWERTOOLS_DEV);
// the Metrics singleton reads these when the module is imported.
vi.hoisted(() => {
  process.env['POWERTOOLS_DEV'] = 'true';
  process.env['POWERTOOLS_METRICS_DISABLED'] = 'false';
  process.env['POWERTOOLS_LOG_LEVEL'] = 'ERROR';
  delete process.env['POWERTOOLS_METRICS_NAMESPACE'];
});

const { countVerdicts, httpRoute, logger, metrics, MetricUnit, observe, queueMetrics } = await import('../src/index.ts');
const { postScansRoute } = await import('@firstline/schemas');

interface Emf {
  readonly _aws: { readonly CloudWatchMetrics: readonly { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  readonly [key: string]: unknown;
}

let lines: Emf[] = [];
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  lines = [];
  warn = vi.spyOn(logger, 'warn');
  vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
    const parsed = typeof text === 'string' && text.startsWith('{') ? (JSON.parse(text) as Partial<Emf>) : undefined;
    if (parsed?._aws) lines.push(parsed as Emf);
  });
});
afterEach(() => {
  // Powertools' own warnings (a dimension overwritten on every invocation, say) would be noise in every log.
  expect(warn).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

/** The EMF lines that define `name`, as {dimensions, value, unit}. */
function emitted(name: string) {
  return lines.flatMap((line) => line._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.filter((d) => d.Name === name).map((d) => ({
    namespace: m.Namespace,
    unit: d.Unit,
    value: line[name],
    dimensions: Object.fromEntries(m.Dimensions[0]!.map((k) => [k, line[k]])),
  }))));
}

const context = {
  functionName: 'firstline-demo-test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function scansEvent(): APIGatewayProxyEventV2 {
  const scan = { scanId: 's1', checkpointId: 'cp1', code: 'x'.repeat(16), direction: 'in', temperatureC: 36.5, scannedAt: '2024-03-01T08:00:00+08:00' };
  return {
    version: '2.0', routeKey: 'POST /v1/scans', rawPath: '/v1/scans', rawQueryString: '', headers: {}, isBase64Encoded: false,
    body: JSON.stringify({ scans: [scan] }),
    requestContext: {
      requestId: 'api-req-1',
      // As API Gateway passes them: arrays and NumericDates as strings.
      authorizer: { jwt: { claims: { sub: 'scanner-1', role: 'scanner', district: 'demo', scopes: '[cp1]', iat: String(Math.floor(Date.now() / 1000) - 60), exp: String(Math.floor(Date.now() / 1000) + 3600) }, scopes: [] } },
    },
  } as unknown as APIGatewayProxyEventV2;
}

function sqsEvent(ages: readonly number[]): SQSEvent {
  return {
    Records: ages.map((age, i) => ({
      messageId: `m${i}`, receiptHandle: 'r', body: '{}', attributes: { SentTimestamp: String(Date.now() - age * 1000) },
      messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:0:q', awsRegion: 'us-east-1',
    })) as unknown as SQSEvent['Records'],
  };
}

describe('httpRoute metrics', () => {
  it('publishes one ScansByVerdict count per verdict and reason of a request, with the stack as district', async () => {
    const handler = httpRoute({ district: 'demo' }, {
      route: postScansRoute,
      targets: ({ body }) => ({ checkpoint: body.scans.map((s) => s.checkpointId) }),
      run: async () => {
        countVerdicts([
          { verdict: 'allow', reason: 'ok' }, { verdict: 'deny', reason: 'fever' },
          { verdict: 'allow', reason: 'ok' }, { verdict: 'deny', reason: 'code-red' }, { verdict: 'deny', reason: 'fever' },
        ]);
        return { status: 200, body: { results: [] } };
      },
    });

    const response = await handler(scansEvent(), context);

    expect(response.statusCode).toBe(200);
    const counts = emitted('ScansByVerdict');
    expect(counts.map(({ dimensions, value }) => ({ ...dimensions, value }))).toEqual([
      { service: 'firstline', district: 'demo', verdict: 'allow', reason: 'ok', value: 2 },
      { service: 'firstline', district: 'demo', verdict: 'deny', reason: 'fever', value: 2 },
      { service: 'firstline', district: 'demo', verdict: 'deny', reason: 'code-red', value: 1 },
    ]);
    expect(counts.every((c) => c.namespace === 'Firstline' && c.unit === 'Count')).toBe(true);
  });

  it('flushes what a refused request added and emits nothing for a request that added nothing', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const handler = httpRoute({ district: 'demo' }, {
      route: postScansRoute,
      targets: () => ({}),
      run: async () => {
        metrics.addMetric('Probe', MetricUnit.Count, 1);
        throw new Error('boom');
      },
    });
    const quiet = httpRoute({ district: 'demo' }, { route: postScansRoute, targets: () => ({}), run: async () => ({ status: 200, body: { results: [] } }) });

    expect((await handler(scansEvent(), context)).statusCode).toBe(500);
    expect((await quiet(scansEvent(), context)).statusCode).toBe(200);

    expect(emitted('Probe').map((p) => p.value)).toEqual([1]);
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});

describe('queue consumer metrics', () => {
  const consumer = (run: () => Promise<SQSBatchResponse>) =>
    middy(async (_event: SQSEvent, _context: Context) => run()).use(observe({ district: 'demo' })).use(queueMetrics('test-consumer'));

  it('publishes the oldest message age, the batch item failures and the handler metrics', async () => {
    const handler = consumer(async () => {
      metrics.addMetric('ScansCounted', MetricUnit.Count, 7);
      return { batchItemFailures: [{ itemIdentifier: 'm1' }] };
    });

    await handler(sqsEvent([5, 30, 12]), context);

    const [lag] = emitted('QueueLagSeconds');
    expect(lag?.dimensions).toEqual({ service: 'firstline', district: 'demo', consumer: 'test-consumer' });
    expect(lag?.unit).toBe('Seconds');
    expect(lag?.value).toBeGreaterThanOrEqual(30);
    expect(lag?.value).toBeLessThan(35);
    expect(emitted('BatchItemFailures').map(({ dimensions, value }) => ({ ...dimensions, value }))).toEqual([
      { service: 'firstline', district: 'demo', consumer: 'test-consumer', value: 1 },
    ]);
    expect(emitted('ScansCounted').map(({ dimensions, value }) => ({ ...dimensions, value }))).toEqual([
      { service: 'firstline', district: 'demo', value: 7 },
    ]);
  });

  it('counts every message as failed when the handler throws, and still rethrows', async () => {
    const handler = consumer(async () => {
      throw new Error('table unavailable');
    });

    await expect(handler(sqsEvent([1, 2]), context)).rejects.toThrow('table unavailable');

    expect(emitted('BatchItemFailures').map((f) => f.value)).toEqual([2]);
  });
});
