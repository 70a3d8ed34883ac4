/**
 * Named errors that handlers and adapters throw; `toErrorResponse` is the one place that maps them
 * to API.md's error body. Anything unnamed is an internal error whose details never leave the
 * function.
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
  constructor(code: ErrorCode, status: number, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export class ValidationError extends ApiError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('validation', 400, message, details);
  }
}
export class UnauthorizedError extends ApiError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthorized', 401, message);
  }
}
export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}
export class NotFoundError extends ApiError {
  constructor(message: string) {
    super('not-found', 404, message);
  }
}
export class ConflictError extends ApiError {
  constructor(message: string, details: readonly ErrorDetail[] = []) {
    super('conflict', 409, message, details);
  }
}
export class TooLargeError extends ApiError {
  constructor(limitBytes: number) {
    super('too-large', 413, `request body is larger than ${limitBytes} bytes`);
  }
}
export class ThrottledError extends ApiError {
  constructor(message = 'too many requests; retry with backoff') {
    super('throttled', 429, message);
  }
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: readonly ErrorDetail[] };
}

// DynamoDB and SQS name their throttling errors; the caller should back off, not see a 500.
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'RequestThrottled',
]);

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && throttlingNames.has(error.name)) return new ThrottledError();
  return new ApiError('internal', 500, 'internal error');
}

export function errorBody(error: ApiError): ErrorBody {
  const { code, message, details } = error;
  return { error: details.length > 0 ? { code, message, details } : { code, message } };
}
