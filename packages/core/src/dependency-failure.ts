import { DomainError } from './errors';

/**
 * A service MLSpace depends on (the database, storage) did not answer in time or refused the
 * connection. Mapped to 503; the message names the dependency and never carries its internals.
 */
export class DependencyUnavailableError extends DomainError {
  constructor(
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Tells a dependency that cannot be reached (refused, reset, timed out) from one that answered
 * with an error. Only the first kind becomes a 503: an answer, even a refusal, is the
 * dependency working.
 */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
const unreachableNames = new Set(['TimeoutError', 'RequestTimeout', 'AbortError']);

export function isUnreachableDependencyError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') return false;
    const { name, code, message, cause } = current as {
      name?: unknown;
      code?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof name === 'string' && unreachableNames.has(name)) return true;
    if (typeof code === 'string' && unreachableCodes.has(code)) return true;
    if (typeof message === 'string' && /socket hang up|ECONNREFUSED|ECONNRESET/.test(message))
      return true;
    current = cause;
  }
  return false;
}

/**
 * An AWS SDK v3 middleware (add it at the `initialize` step, priority `high`, so it sees the
 * outcome after the client's own retries): a call that cannot reach its service fails with a
 * DependencyUnavailableError naming `dependency`, instead of a socket error.
 */
export function unreachableAsUnavailable(dependency: string, message: string) {
  return <Args, Output>(next: (args: Args) => Promise<Output>) =>
    async (args: Args): Promise<Output> => {
      try {
        return await next(args);
      } catch (error) {
        if (isUnreachableDependencyError(error))
          throw new DependencyUnavailableError(dependency, message, { cause: error });
        throw error;
      }
    };
}
