import type { APIGatewayProxyEventV2, EventBridgeEvent } from 'aws-lambda';
import { vi } from 'vitest';

/** A hand-built HTTP API (payload 2.0) event, as API Gateway sends it behind CloudFront. */
export function httpApiEvent(
  method: string,
  pathAndQuery: string,
  options: { headers?: Record<string, string>; cookies?: string[]; body?: string } = {},
): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = pathAndQuery.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies: options.cookies,
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', ...options.headers },
    queryStringParameters: rawQueryString
      ? Object.fromEntries(new URLSearchParams(rawQueryString))
      : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: 'request-1',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
    },
    body: options.body,
    isBase64Encoded: false,
  };
}

/** A SageMaker notebook state change as EventBridge delivers it to a Lambda target. */
export function notebookStateChange(
  name: string,
  status: string,
  system = 'MLSpace',
): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: `event-${name}-${status}`,
    'detail-type': 'SageMaker Notebook Instance State Change',
    source: 'aws.sagemaker',
    account: '123456789012',
    time: '2026-11-24T10:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/${name}`],
    detail: {
      NotebookInstanceName: name,
      NotebookInstanceStatus: status,
      Tags: { system, project: 'vision', user: 'alice' },
    },
  };
}

/**
 * Sets the environment infra-tf gives the Lambda functions, pointed at DynamoDB Local, and
 * imports the entry module fresh so its cold start runs again with it.
 */
export async function coldStart<T>(
  load: () => Promise<T>,
  env: Record<string, string>,
): Promise<T> {
  const lambdaEnv: Record<string, string> = {
    MLSPACE_BACKEND: 'aws',
    MLSPACE_PUBLIC_URL: 'https://mlspace.example.com',
    MLSPACE_INITIAL_ADMINS: 'admin',
    AWS_REGION: 'us-east-1',
    // DynamoDB Local keeps one database per access key and region: the test tables' ones.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...env,
  };
  for (const [name, value] of Object.entries(lambdaEnv)) vi.stubEnv(name, value);
  vi.resetModules();
  return load();
}
