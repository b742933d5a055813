import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Writable } from 'node:stream';
import { afterEach, expect, test, vi } from 'vitest';

import { createTestTable } from '@mlspace/db/testing';
import { createFakeIdentityProvider, fakeSecretsManager, mockHttp } from '@mlspace/testing';

import type { LambdaStreamingRuntime, ResponsePrelude } from '../src/http/stream-handler';
import { resolveSecret } from '../src/secret';
import { coldStart, httpApiEvent } from './lambda-events';

const idp = await createFakeIdentityProvider();
const secretArn =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:mlspace-prod/session-secret-AbCdEf';
const secretValue = 'a-generated-session-secret-of-64-characters-0123456789abcdefghij';
const clientSecretArn =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:mlspace-prod/oidc-client-secret-GhIjKl';
const clientSecretValue = 'the-client-secret-the-idp-issued';
const storedSecrets: Record<string, string> = {
  [secretArn]: secretValue,
  [clientSecretArn]: clientSecretValue,
};
const secretsCalls: { operation: string; body: Record<string, unknown> }[] = [];
const secretsManager = fakeSecretsManager(storedSecrets, secretsCalls)();
const testClient = () =>
  new SecretsManagerClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
const sessionSetting = {
  name: 'MLSPACE_SESSION_SECRET',
  value: undefined,
  arn: secretArn,
  minimumLength: 32,
};

const server = mockHttp(...idp.handlers, secretsManager);
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

async function lambdaModule(
  env: Record<string, string> = { OIDC_CLIENT_SECRET_ARN: clientSecretArn },
) {
  const { tableName, endpoint } = await createTestTable();
  return coldStart(() => import('../src/lambda'), {
    DYNAMODB_TABLE: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    MLSPACE_SESSION_SECRET_ARN: secretArn,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: 'mlspace-portal',
    ...env,
  });
}

async function apiLambda(env?: Record<string, string>) {
  return (await lambdaModule(env)).handler;
}

test('the API Lambda reads the session and OIDC client secrets from Secrets Manager once each, at cold start', async () => {
  secretsCalls.length = 0;
  const handler = await apiLambda();
  await handler(httpApiEvent('GET', '/api/health'));
  await handler(httpApiEvent('GET', '/api/health'));

  expect(secretsCalls).toHaveLength(2);
  expect(secretsCalls).toEqual(
    expect.arrayContaining([
      { operation: 'GetSecretValue', body: { SecretId: secretArn } },
      { operation: 'GetSecretValue', body: { SecretId: clientSecretArn } },
    ]),
  );
});

test('the API Lambda refuses to cold start on AWS without an OIDC client secret rather than use the development default', async () => {
  await expect(apiLambda({})).rejects.toThrow(
    /OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_ARN must be set/,
  );
});

test('an OIDC client secret given directly is used and only the session secret is fetched', async () => {
  secretsCalls.length = 0;
  const handler = await apiLambda({ OIDC_CLIENT_SECRET: 'given-directly' });

  expect((await handler(httpApiEvent('GET', '/api/health'))).statusCode).toBe(200);
  expect(secretsCalls).toEqual([{ operation: 'GetSecretValue', body: { SecretId: secretArn } }]);
});

test('GET /api/health through the API Lambda reports DynamoDB', async () => {
  const handler = await apiLambda();

  const result = await handler(httpApiEvent('GET', '/api/health'));

  expect(result.statusCode).toBe(200);
  expect(JSON.parse(result.body ?? '')).toMatchObject({
    status: 'ok',
    mode: 'aws',
    dependencies: { dynamodb: { ok: true } },
  });
});

test('GET /api/openapi.json through the API Lambda serves the OpenAPI document', async () => {
  const handler = await apiLambda();

  const result = await handler(httpApiEvent('GET', '/api/openapi.json'));

  expect(result.statusCode).toBe(200);
  const document = JSON.parse(result.body ?? '') as { openapi: string; paths: object };
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths)).toContain('/api/trpc/datasets.startUpload');
});

test('a tRPC query with a bearer token signs the caller in through the API Lambda', async () => {
  const handler = await apiLambda();
  const token = await idp.signToken(
    { preferred_username: 'lambda-user', email: 'lambda-user@example.com', name: 'Lambda User' },
    { audience: 'mlspace-portal' },
  );

  const signedIn = await handler(
    httpApiEvent('GET', '/api/trpc/me.get', { headers: { authorization: `Bearer ${token}` } }),
  );
  const anonymous = await handler(httpApiEvent('GET', '/api/trpc/me.get'));

  expect(signedIn.statusCode).toBe(200);
  expect(JSON.parse(signedIn.body ?? '').result.data).toMatchObject({ username: 'lambda-user' });
  expect(anonymous.statusCode).toBe(401);
});

test('sign-in through the API Lambda redirects (303) to the IdP and sets its cookies as Lambda cookies', async () => {
  const handler = await apiLambda();

  const result = await handler(httpApiEvent('GET', '/api/auth/login?returnTo=%2Fprojects'));

  expect(result.statusCode).toBe(303);
  expect(result.headers?.location).toMatch(new RegExp(`^${idp.issuer}`));
  expect(result.cookies?.length).toBeGreaterThan(0);
  expect(result.headers?.['set-cookie']).toBeUndefined();
});

test('a session secret given directly wins and Secrets Manager is not called', async () => {
  secretsCalls.length = 0;
  const secret = await resolveSecret({ ...sessionSetting, value: 'x'.repeat(32) }, testClient());

  expect(secret).toBe('x'.repeat(32));
  expect(secretsCalls).toEqual([]);
});

test('a missing or too short session secret stops the cold start with the setting to fix', async () => {
  await expect(resolveSecret({ ...sessionSetting, arn: undefined }, testClient())).rejects.toThrow(
    /MLSPACE_SESSION_SECRET or MLSPACE_SESSION_SECRET_ARN must be set/,
  );

  server.use(fakeSecretsManager({ [secretArn]: 'short' })());
  await expect(resolveSecret(sessionSetting, testClient())).rejects.toThrow(
    /MLSPACE_SESSION_SECRET_ARN: the secret .* must hold a string of at least 32 characters/,
  );
});

test('an OIDC client secret whose value the operator has not put yet stops the cold start with the setting to fix', async () => {
  const unset =
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:mlspace-prod/oidc-client-secret-Unset1';

  await expect(
    resolveSecret(
      { name: 'OIDC_CLIENT_SECRET', value: undefined, arn: unset, minimumLength: 1 },
      testClient(),
    ),
  ).rejects.toThrow(
    /OIDC_CLIENT_SECRET_ARN: could not read the secret .*oidc-client-secret-Unset1 \(has its value been put\?\)/,
  );
});

test("the bundle's streamHandler streams the playground's path where the Lambda runtime provides awslambda, and is absent elsewhere (benchmarks import the bundle)", async () => {
  expect((await lambdaModule()).streamHandler).toBeUndefined();

  const preludes: ResponsePrelude[] = [];
  const runtime: LambdaStreamingRuntime = {
    streamifyResponse: (handler) => handler,
    HttpResponseStream: {
      from: (stream, prelude) => {
        preludes.push(prelude);
        return stream;
      },
    },
  };
  vi.stubGlobal('awslambda', runtime);
  const { streamHandler } = await lambdaModule();
  const body: string[] = [];
  const responseStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      body.push(chunk.toString('utf8'));
      done();
    },
  });
  await streamHandler!(
    httpApiEvent('POST', '/api/trpc/playground.converse?batch=1', {
      headers: {
        'x-mlspace-viewer-host': 'd111111abcdef8.cloudfront.net',
        'content-type': 'application/json',
        'trpc-accept': 'application/jsonl',
      },
      body: '{"0":{"project":"vision","source":{"kind":"bedrock","modelId":"m"},"messages":[]}}',
    }),
    responseStream,
  );

  expect(preludes).toEqual([expect.objectContaining({ statusCode: 200 })]);
  expect(body.join('')).toContain('"code":"UNAUTHORIZED"');
});
