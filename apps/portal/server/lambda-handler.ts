/**
 * The portal's server rendering as an HTTP API (payload 2.0) Lambda handler: the React Router
 * server build answers a fetch Request, and the (buffered) Response becomes the Lambda result.
 * Static files are not served here: CloudFront serves /assets/* from the portal-assets bucket.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createRequestHandler, type ServerBuild } from 'react-router';

export type PortalLambdaHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function createPortalHandler(build: ServerBuild, publicUrl: string): PortalLambdaHandler {
  const handleRequest = createRequestHandler(build, 'production');
  return async (event) =>
    resultFromResponse(await handleRequest(requestFromEvent(event, publicUrl)));
}

// On the public origin, so loaders call the API through CloudFront with the browser's cookies.
function requestFromEvent(event: APIGatewayProxyEventV2, publicUrl: string): Request {
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

const textual =
  /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)|image\/svg\+xml)|\+json|\+xml/;

async function resultFromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const isText = textual.test(response.headers.get('content-type') ?? 'text/plain');
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    statusCode: response.status,
    headers,
    cookies,
    body: isText ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !isText,
  };
}
