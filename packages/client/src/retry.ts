/**
 * When a failed call is tried again. Throttling (429, or 503 while a dependency recovers) and
 * a request that got no answer are passing conditions for a read. A change is tried again only
 * on 429: the API refuses with it before the procedure runs, while after a 503 or a lost answer
 * the change may have happened, and doing it twice (two jobs, two members) is worse than failing.
 */
import type { MlspaceError } from './errors';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  tries: number;
  /** The wait before the first retry; each retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { tries: 5, baseDelayMs: 300, maxDelayMs: 10_000 };

const retriedReads = new Set([
  'TOO_MANY_REQUESTS',
  'SERVICE_UNAVAILABLE',
  'BAD_GATEWAY',
  'GATEWAY_TIMEOUT',
  'NETWORK_ERROR',
]);

export function isRetryable(
  type: 'query' | 'mutation' | 'subscription',
  error: MlspaceError,
): boolean {
  if (type === 'mutation') return error.code === 'TOO_MANY_REQUESTS';
  return retriedReads.has(error.code);
}

/**
 * Exponential backoff with jitter: a random wait between half and all of the doubled delay, so
 * many clients throttled at once do not come back at the same instant.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
