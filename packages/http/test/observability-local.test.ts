import { describe, expect, it, vi } from 'vitest';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

// As the local stack runs handlers: POWERTOOLS_DEV on, POWERTOOLS_METRICS_DISABLED unset.
vi.hoisted(() => {
  process.env['POWERTOOLS_DEV'] = 'true';
  delete process.env['POWERTOOLS_METRICS_DISABLED'];
  process.env['POWERTOOLS_LOG_LEVEL'] = 'DEBUG';
  process.env['FIRSTLINE_DISTRICT'] = 'demo';
});

const { countVerdicts, logger, metrics, MetricUnit, observe } = await import('../src/index.ts');

const context = { functionName: 'local-fn', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

describe('metrics on the local stack', () => {
  it('prints no EMF and no warnings but logs each flush as a debug line', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const debug = vi.spyOn(logger, 'debug').mockImplementation(() => undefined);
    const warn = vi.spyOn(logger, 'warn');
    const handler = middy(async () => {
      metrics.addMetric('ScansCounted', MetricUnit.Count, 3);
      countVerdicts([{ verdict: 'deny', reason: 'fever' }]);
    }).use(observe({ district: 'demo' }));

    await handler({}, context);
    await handler({}, context);
    await middy(async () => undefined).use(observe({ district: 'demo' }))({}, context);

    expect(log.mock.calls.filter(([text]) => String(text).includes('"_aws"'))).toEqual([]);
    expect(debug).toHaveBeenCalledWith('metrics', { metrics: { verdict: 'deny', reason: 'fever', ScansByVerdict: 1 } });
    expect(debug).toHaveBeenCalledWith('metrics', { metrics: expect.objectContaining({ district: 'demo', ScansCounted: 3 }) });
    expect(warn).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
