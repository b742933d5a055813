import { fetchRequestHandler } from '@trpc/server/adapters/fetch';

import { createContextInner, resolveCaller } from '../context';
import { toTRPCError } from '../errors';
import { appRouter } from '../root';
import type { ApiServices } from '../services';
import { payloadTooLarge, withBoundedBody } from './body-limit';
import { finishLogin, logout, startLogin } from './auth-routes';
import { health } from './health';

export const TRPC_ENDPOINT = '/api/trpc';

const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/** Everything under /api as one fetch-style handler, shared by the local server and Lambda. */
export function createApiHandler(services: ApiServices) {
  return async function handleApiRequest(received: Request): Promise<Response> {
    const request = await withBoundedBody(received);
    if (!request) return payloadTooLarge(received, TRPC_ENDPOINT);
    const { pathname } = new URL(request.url);
    if (pathname.startsWith(`${TRPC_ENDPOINT}/`)) return handleTrpc(services, request);
    if (pathname === '/api/health' && request.method === 'GET') return health(services);
    // Loaded on first use: describing the router is no part of a Lambda's cold start.
    if (pathname === '/api/openapi.json' && request.method === 'GET')
      return (await import('./openapi')).openApiDocument(services.settings.publicUrl);
    if (pathname === '/api/auth/login' && request.method === 'GET')
      return startLogin(services, request);
    if (pathname === '/api/auth/callback' && request.method === 'GET')
      return finishLogin(services, request);
    if (pathname === '/api/auth/logout' && request.method === 'POST')
      return logout(services, request);
    return Response.json(
      { error: { message: `No API route ${request.method} ${pathname}` } },
      { status: 404 },
    );
  };
}

function handleTrpc(services: ApiServices, request: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req: request,
    router: appRouter,
    createContext: async () => createContextInner(services, await resolveCaller(services, request)),
    responseMeta: ({ errors }) => ({
      headers: new Headers(securityHeaders),
      // An unknown procedure is a malformed request from the client's point of view.
      status: errors.some(
        (error) => error.code === 'NOT_FOUND' && error.message.startsWith('No procedure found'),
      )
        ? 400
        : undefined,
    }),
    onError: ({ error, path }) => {
      // A dependency that is down is answered with 503 naming it; the supervisor logs the cause.
      if (error.code === 'INTERNAL_SERVER_ERROR' && !toTRPCError(error.cause))
        console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}
