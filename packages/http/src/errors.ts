import { ConflictError, ContentionError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '@firstline/domain';

/**
 * The errors of the HTTP edge, and `toApiError`: the one place that maps every failure — these,
 * the domain's named errors that use cases throw, the SDK's throttling — to API.md's error body.
 * Anything unnamed is an internal error whose details never leave the function.
 */
export type ErrorCode =
  | 'validation' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'throttled' | 'internal';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: readonly ErrorDetail[];
  /** Seconds the client should wait before trying again (a 503 when an object is too busy). */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, status: number, message: string, details: readonly ErrorDetail[] = [], retryAfterSeconds?: number) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class UnauthorizedError extends ApiError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthorized', 401, message);
  }
}
export class TooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super('too-large', 413, `request body is larger than ${limitBytes} bytes`);
  }
}
/** 429: too many requests from this caller (or of this kind); `Retry-After` says when to try again. */
export class ThrottledError extends ApiError {
  constructor(message = 'too many requests; retry with backoff', retryAfterSeconds?: number) {
    super('throttled', 429, message, [], retryAfterSeconds);
  }
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: readonly ErrorDetail[] };
}

// DynamoDB and SQS name their throttling errors; the caller should back off, not see a 500.
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'RequestThrottled',
]);

/** The domain's refusals, by kind; a subclass (a missing registry is a `NotFoundError`) maps as its kind. */
const domainMapping: readonly [abstract new (...args: never[]) => DomainError, ErrorCode, number][] = [
  [ValidationError, 'validation', 400],
  [ForbiddenError, 'forbidden', 403],
  [NotFoundError, 'not-found', 404],
  [ConflictError, 'conflict', 409],
];

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ContentionError) return new ApiError('throttled', 503, error.message, [], error.retryAfterSeconds);
  if (error instanceof DomainError) {
    const [, code, status] = domainMapping.find(([kind]) => error instanceof kind) ?? [DomainError, 'internal', 500];
    return new ApiError(code, status, status >= 500 ? 'internal error' : error.message, error.details);
  }
  if (error instanceof Error && throttlingNames.has(error.name)) return new ThrottledError();
  return new ApiError('internal', 500, 'internal error');
}

export function errorBody(error: ApiError): ErrorBody {
  const { code, message, details } = error;
  return { error: details.length > 0 ? { code, message, details } : { code, message } };
}

export { ConflictError, ContentionError, ForbiddenError, NotFoundError, ValidationError };
