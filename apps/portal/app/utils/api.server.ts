import { createTRPCClient, httpLink, isTRPCClientError } from '@trpc/client';
import { data } from 'react-router';

import type { AppRouter } from '@mlspace/api';

/**
 * A tRPC client for loaders: it calls the API on the request's own origin and forwards the
 * browser's cookies, so the API decides who the caller is, exactly as for browser calls.
 */
export function serverApi(request: Request) {
  const origin = new URL(request.url).origin;
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${origin}/api/trpc`,
        headers: () => ({ cookie: request.headers.get('cookie') ?? '' }),
      }),
    ],
  });
}

export type ServerApi = ReturnType<typeof serverApi>;

/** The API's error code (UNAUTHORIZED, FORBIDDEN, ...) of a failed call, if it was one. */
function apiErrorCode(error: unknown): string | undefined {
  return isTRPCClientError<AppRouter>(error) ? error.data?.code : undefined;
}

export function isUnauthorized(error: unknown): boolean {
  return apiErrorCode(error) === 'UNAUTHORIZED';
}

export function isForbidden(error: unknown): boolean {
  return apiErrorCode(error) === 'FORBIDDEN';
}

function isNotFound(error: unknown): boolean {
  return apiErrorCode(error) === 'NOT_FOUND';
}

/**
 * A loader's refusal as the route's error: 403 or 404 with the API's own sentence (which names the
 * rule), for the route's error boundary to show. Anything else is thrown as it came.
 */
export function asRouteError(error: unknown): never {
  if (isForbidden(error) || isNotFound(error)) {
    throw data((error as Error).message, { status: isForbidden(error) ? 403 : 404 });
  }
  throw error;
}
