/**
 * The API as an HTTP API (payload 2.0) Lambda handler: tRPC through the aws-lambda adapter, and
 * the few plain HTTP routes (sign-in, health) through the fetch-style handler the local server uses.
 */
import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from 'aws-lambda';

import { createContextInner, resolveCaller } from '../context';
import { appRouter } from '../root';
import type { ApiServices } from '../services';
import { TRPC_ENDPOINT, createApiHandler } from './api-handler';

export type ApiLambdaHandler = (event: APIGatewayProxyEventV2, context: LambdaContext) => Promise<APIGatewayProxyStructuredResultV2>;

export function createLambdaHandler(services: ApiServices): ApiLambdaHandler {
  const handleApi = createApiHandler(services);
  const toRequest = (event: APIGatewayProxyEventV2) => requestFromEvent(event, services.settings.publicUrl);
  const trpcHandler = awsLambdaRequestHandler({
    router: appRouter,
    createContext: async ({ event }) => {
      const request = toRequest(event as APIGatewayProxyEventV2);
      return createContextInner(services, await resolveCaller(services, request));
    },
  });

  return async (event, context) => {
    if (event.rawPath.startsWith(`${TRPC_ENDPOINT}/`)) {
      return trpcHandler(event, context) as Promise<APIGatewayProxyStructuredResultV2>;
    }
    return resultFromResponse(await handleApi(toRequest(event)));
  };
}

/** The event as a fetch Request on the public URL, so cookies and redirects use the portal's origin. */
export function requestFromEvent(event: APIGatewayProxyEventV2, publicUrl: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const body = event.body && method !== 'GET' && method !== 'HEAD' ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body) : undefined;
  return new Request(`${publicUrl}${event.rawPath}${query}`, { method, headers, body });
}

export async function resultFromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return { statusCode: response.status, headers, cookies, body: await response.text() };
}
