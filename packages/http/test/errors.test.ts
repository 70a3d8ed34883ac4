import { describe, expect, it } from 'vitest';
import { ConflictError, ContentionError, NoRegistryError, ValidationError } from '@firstline/domain';
import { ApiError, errorBody, toApiError } from '../src/errors.ts';

describe('error mapping', () => {
  it('keeps named errors with their status, code and details', () => {
    const error = toApiError(new ValidationError('invalid body', [{ path: 'scans.0.temperatureC', message: 'too low' }]));

    expect(error.status).toBe(400);
    expect(errorBody(error)).toEqual({
      error: { code: 'validation', message: 'invalid body', details: [{ path: 'scans.0.temperatureC', message: 'too low' }] },
    });
  });

  it('omits empty details', () => {
    expect(errorBody(toApiError(new ConflictError('taken')))).toEqual({ error: { code: 'conflict', message: 'taken' } });
  });

  it('maps contention to a 503 with a retry hint, never a 500', () => {
    const error = toApiError(new ContentionError('household h1 is busy', 2));

    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(2);
    expect(errorBody(error).error.code).toBe('throttled');
  });

  it('maps a missing registry to the same 404 everywhere', () => {
    const error = toApiError(new NoRegistryError());

    expect([error.status, error.code]).toEqual([404, 'not-found']);
  });

  it('maps AWS throttling to 429', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });

    expect(toApiError(throttled).status).toBe(429);
  });

  it('hides anything unnamed behind a generic 500', () => {
    const error = toApiError(new TypeError('Cannot read properties of undefined (reading "pk") at store.ts:12'));

    expect(error).toBeInstanceOf(ApiError);
    expect(errorBody(error)).toEqual({ error: { code: 'internal', message: 'internal error' } });
  });
});
