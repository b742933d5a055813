import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';

import type { PortalLambdaHandler } from '../server/lambda-handler';

// The built Lambda bundle itself (turbo runs the portal's build before its tests).
const bundle = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../build/lambda/index.mjs',
);

const publicSettings = {
  mode: 'aws',
  signInUrl: '/api/auth/login',
  identityProvider: 'idp.example.com',
  banner: { text: 'Lambda test deployment', textColor: '#ffffff', backgroundColor: '#1d4ed8' },
  services: {},
};

// The API the loaders call through the public origin: settings for everyone, nobody signed in.
let api: Server;
const apiCalls: { path: string; cookie: string | undefined }[] = [];
let publicUrl = '';

beforeAll(async () => {
  api = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://x');
    apiCalls.push({ path: pathname, cookie: request.headers.cookie });
    response.setHeader('content-type', 'application/json');
    if (pathname === '/api/trpc/system.publicSettings') {
      response.end(JSON.stringify({ result: { data: publicSettings } }));
    } else if (pathname === '/api/trpc/me.get') {
      response.statusCode = 401;
      response.end(
        JSON.stringify({
          error: {
            message: 'Sign in first',
            code: -32001,
            data: { code: 'UNAUTHORIZED', httpStatus: 401 },
          },
        }),
      );
    } else {
      response.statusCode = 404;
      response.end('{}');
    }
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  publicUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => {
  vi.unstubAllEnvs();
  api.close();
});

async function portalLambda(): Promise<PortalLambdaHandler> {
  vi.stubEnv('MLSPACE_PUBLIC_URL', publicUrl);
  const module = (await import(pathToFileURL(bundle).href)) as { handler: PortalLambdaHandler };
  return module.handler;
}

function pageEvent(pathAndQuery: string, cookies?: string[]): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = pathAndQuery.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies,
    headers: {
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
      accept: 'text/html',
      'user-agent': 'Mozilla/5.0',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: 'GET',
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
      },
      requestId: 'request-1',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

test('the portal Lambda renders the sign-in page with the banner from the API', async () => {
  const handler = await portalLambda();

  const result = await handler(pageEvent('/signin'));

  expect(result.statusCode).toBe(200);
  expect(result.headers?.['content-type']).toMatch(/^text\/html/);
  expect(result.isBase64Encoded).toBe(false);
  expect(result.body).toMatch(/^<!DOCTYPE html>/);
  expect(result.body).toContain('Sign in');
  expect(result.body).toContain('Lambda test deployment');
  expect(result.body).toContain('/assets/');
});

test('the portal Lambda redirects a signed-out visitor to sign-in and forwards cookies to the API', async () => {
  const handler = await portalLambda();
  apiCalls.length = 0;

  const result = await handler(
    pageEvent('/projects/vision?tab=members', ['mlspace_session=sealed-value']),
  );

  expect(result.statusCode).toBe(302);
  expect(result.headers?.location).toBe('/signin?returnTo=%2Fprojects%2Fvision%3Ftab%3Dmembers');
  expect(apiCalls).toContainEqual({
    path: '/api/trpc/me.get',
    cookie: 'mlspace_session=sealed-value',
  });
});
