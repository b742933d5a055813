/**
 * The API as an HTTP API (payload 2.0) Lambda handler: the event becomes a fetch Request for the
 * same handler the local server uses (tRPC, sign-in, health), so both modes route identically.
 * (tRPC's aws-lambda adapter would take the procedure from the `{proxy+}` parameter, which under
 * the `/api/{proxy+}` route still carries the `trpc/` prefix.)
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

import type { ApiServices } from '../services';
import { createApiHandler } from './api-handler';

export type ApiLambdaHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function createLambdaHandler(services: ApiServices): ApiLambdaHandler {
  const handleApi = createApiHandler(services);
  return async (event) =>
    resultFromResponse(await handleApi(requestFromEvent(event, services.settings.publicUrl)));
}

/** The event as a fetch Request on the public URL, so cookies and redirects use the portal's origin. */
export function requestFromEvent(event: APIGatewayProxyEventV2, publicUrl: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {}))
    if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const body =
    event.body && method !== 'GET' && method !== 'HEAD'
      ? event.isBase64Encoded
        ? Buffer.from(event.body, 'base64')
        : event.body
      : undefined;
  return new Request(`${publicUrl}${event.rawPath}${query}`, { method, headers, body });
}

export async function resultFromResponse(
  response: Response,
): Promise<APIGatewayProxyStructuredResultV2> {
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return { statusCode: response.status, headers, cookies, body: await response.text() };
}
