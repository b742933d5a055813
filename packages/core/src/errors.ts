/**
 * Domain errors. Packages throw these; apps/api maps them to tRPC codes in one middleware.
 * Messages are shown to users, so they say which rule failed.
 */
export class DomainError extends Error {
  /** The input path the error is about, when it is about one (the portal shows it next to that field). */
  readonly field?: string;
  /** The rule in plain words, without the field (what a form shows next to the field). */
  readonly rule: string;

  constructor(message: string, options?: { cause?: unknown; field?: string }) {
    super(options?.field ? `${options.field}: ${message}` : message, options);
    this.name = new.target.name;
    this.field = options?.field;
    this.rule = message;
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
  declare readonly field: string;

  constructor(field: string, message: string) {
    super(message, { field });
  }
}

/** The caller did something too often; the message names the limit and when it frees up. */
export class RateLimitedError extends DomainError {}

/** A feature that cannot work in this mode or is turned off by configuration. */
export class UnavailableError extends DomainError {}
