/**
 * Why a use case refused or could not finish, as named values the edges map to API.md's error
 * body in one place (`toApiError` in `@firstline/http`). The domain and the application layer
 * throw these; nothing here knows HTTP.
 */
export interface FailureDetail {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  readonly details: readonly FailureDetail[];
  constructor(message: string, details: readonly FailureDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The request names something that does not fit what the server knows (a field is wrong). */
export class ValidationError extends DomainError {}

/** The caller may not act on this object (it is not theirs, or not in the state that lets them). */
export class ForbiddenError extends DomainError {}

export class NotFoundError extends DomainError {}

/** The same client id was sent before with another body, or the object's state forbids the change. */
export class ConflictError extends DomainError {}

/**
 * A conditional write kept losing to other writers after its retries: the object is busy. The
 * caller should try again shortly; never an internal error.
 */
export class ContentionError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 1) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The district has no registry yet: every route that needs one says so the same way. */
export class NoRegistryError extends NotFoundError {
  constructor() {
    super('the district has no registry yet; an admin uploads it with PUT /v1/registry');
  }
}
