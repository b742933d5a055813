import { TRPCClientError, createTRPCClient, httpLink } from '@trpc/client';

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

export function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED';
}

export function isForbidden(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.code === 'FORBIDDEN';
}
