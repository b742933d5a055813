/**
 * Domain errors. Packages throw these; apps/api maps them to tRPC codes in one middleware.
 * Messages are shown to users, so they say which rule failed.
 */
export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller is not signed in, or their credential is invalid. */
export class UnauthenticatedError extends DomainError {}

/** The caller is known but a rule denies the action. */
export class ForbiddenError extends DomainError {}

/** The thing does not exist (only raised when the caller may know that). */
export class NotFoundError extends DomainError {}

/** A uniqueness or concurrency rule failed: duplicate name, stale version, last owner. */
export class ConflictError extends DomainError {}

/** Input breaks a rule; `field` names the input path that broke it. */
export class ValidationError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A feature that cannot work in this mode or is turned off by configuration. */
export class UnavailableError extends DomainError {}
