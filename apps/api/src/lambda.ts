/**
 * The API Lambda behind the HTTP API: tRPC through the aws-lambda adapter, and the few plain
 * HTTP routes (sign-in, health) through the same fetch-style handler the local server uses.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsLambdaRequestHandler } from '@trpc/server/adapters/aws-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from 'aws-lambda';

import { createDocumentClient } from '@mlspace/db';

import { composeServices } from './compose';
import { awsComputeBackend } from './compute-backend';
import { createContextInner, resolveCaller } from './context';
import { readEnv } from './env';
import { TRPC_ENDPOINT, createApiHandler } from './http/api-handler';
import { appRouter } from './root';
import { resolveSettings } from './settings';

const env = readEnv();
if (!env.MLSPACE_SESSION_SECRET) throw new Error('MLSPACE_SESSION_SECRET must be set for the API Lambda');
const settings = resolveSettings(env, env.MLSPACE_SESSION_SECRET);
const dynamoClient = new DynamoDBClient({ region: settings.dynamoDb.region });
const services = composeServices(settings, {
  compute: awsComputeBackend(settings),
  documentClient: createDocumentClient({ region: settings.dynamoDb.region }),
  healthChecks: {
    dynamodb: async () => {
      await dynamoClient.send(new DescribeTableCommand({ TableName: settings.dynamoDb.tableName }));
    },
  },
});
const handleApi = createApiHandler(services);

const trpcHandler = awsLambdaRequestHandler({
  router: appRouter,
  createContext: async ({ event }) => {
    const request = toRequest(event as APIGatewayProxyEventV2);
    return createContextInner(services, await resolveCaller(services, request));
  },
});

export async function handler(event: APIGatewayProxyEventV2, context: LambdaContext): Promise<APIGatewayProxyStructuredResultV2> {
  if (event.rawPath.startsWith(`${TRPC_ENDPOINT}/`)) {
    return trpcHandler(event, context) as Promise<APIGatewayProxyStructuredResultV2>;
  }
  const response = await handleApi(toRequest(event));
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return { statusCode: response.status, headers, cookies, body: await response.text() };
}

function toRequest(event: APIGatewayProxyEventV2): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method;
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const body = event.body && method !== 'GET' && method !== 'HEAD' ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body) : undefined;
  return new Request(`${settings.publicUrl}${event.rawPath}${query}`, { method, headers, body });
}
