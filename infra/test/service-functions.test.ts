import { describe, expect, it } from 'vitest';
import { cityService, functions, queues, tables } from '@firstline/service';
import type { FunctionSpec, QueueSpec } from '@firstline/service';
import { checkFunctionSpecs } from '../constructs/service-functions.ts';

// A district's functions send to the city's queue as well as their own.
const available = { tables: tables.map((t) => t.name), queues: [...queues, ...cityService.queues].map((q) => q.name) };
const route = (path: string) => ({ method: 'POST' as const, path, roles: ['admin' as const] });
const fn = (over: Partial<FunctionSpec>): FunctionSpec => ({ name: 'f', entry: 'functions/f.ts', memoryMb: 256, timeoutSeconds: 10, ...over });
const check = (specs: FunctionSpec[], queueSpecs: readonly QueueSpec[] = queues) => () => checkFunctionSpecs(specs, queueSpecs, available);

describe('checkFunctionSpecs', () => {
  it('accepts the service manifest', () => {
    expect(check([...functions])).not.toThrow();
  });

  it('refuses a route whose function may outlive API Gateway', () => {
    expect(check([fn({ timeoutSeconds: 30, routes: [route('/v1/x')] })])).toThrow(/timeout must be <= 29s/);
  });

  it('allows a long timeout for a function without routes', () => {
    expect(check([fn({ timeoutSeconds: 900, schedule: { cron: 'cron(0 0 * * ? *)' } })])).not.toThrow();
  });

  it('refuses a consumer that outlives its queue visibility timeout', () => {
    const short: QueueSpec[] = [{ name: 'dispatch', visibilityTimeoutSeconds: 20, maxReceiveCount: 5 }];
    expect(check([fn({ timeoutSeconds: 30, trigger: { queue: 'dispatch', batchSize: 10, maxBatchingWindowSeconds: 0 } })], short)).toThrow(/visibility timeout 20s is shorter/);
  });

  it('refuses two consumers on one queue, a route declared twice, a local-only route', () => {
    const trigger = { queue: 'dispatch' as const, batchSize: 10, maxBatchingWindowSeconds: 0 };
    expect(check([fn({ name: 'a', trigger }), fn({ name: 'b', trigger })])).toThrow(/triggers both a and b/);
    expect(check([fn({ name: 'a', routes: [route('/v1/x')] }), fn({ name: 'b', routes: [route('/v1/x')] })])).toThrow(/POST \/v1\/x is declared by both a and b/);
    expect(check([fn({ routes: [route('/local/tokens')] })])).toThrow(/local-only/);
  });

  it('refuses tables and queues the manifest does not declare, and lists every problem at once', () => {
    const bad = fn({ reads: ['nope' as never], sends: ['gone' as never], memoryMb: 64 });
    expect(check([bad])).toThrow(/table nope[\s\S]*queue gone|memoryMb 64[\s\S]*table nope/);
    expect(() => checkFunctionSpecs([bad], queues, available)).toThrow(/memoryMb 64 is outside/);
  });

  it('refuses a batch above 10 without a batching window', () => {
    expect(check([fn({ trigger: { queue: 'dispatch', batchSize: 100, maxBatchingWindowSeconds: 0 } })])).toThrow(/batching window/);
  });
});
