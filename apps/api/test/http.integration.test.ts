import { expect, test } from 'vitest';

import { createOidcRelyingParty } from '@mlspace/auth';
import { createFakeIdentityProvider, mockHttp } from '@mlspace/testing';

import { createApiHandler } from '../src/http/api-handler';
import { startSession } from '../src/services/sessions';
import { createTestServices, signedUpUser } from './harness';

const idp = await createFakeIdentityProvider();
mockHttp(...idp.handlers);

const clientId = 'mlspace-portal';

async function apiWithIdp() {
  const services = await createTestServices();
  const oidc = createOidcRelyingParty({
    issuer: idp.issuer,
    clientId,
    clientSecret: 'secret',
    audiences: [],
    allowInsecureRequests: false,
  });
  const withIdp = { ...services, oidc };
  return { services: withIdp, handle: createApiHandler(withIdp) };
}

// Response bodies are checked field by field, so the loose JSON type is enough here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readJson(response: Response): Promise<any> {
  return response.json();
}

function meRequest(headers: Record<string, string>) {
  return new Request('http://localhost:3999/api/trpc/me.get', { headers });
}

test('a valid bearer token from the IdP signs the caller in and creates their account', async () => {
  const { handle } = await apiWithIdp();
  const token = await idp.signToken(
    { preferred_username: 'Dora', email: 'dora@example.com', name: 'Dora' },
    { audience: clientId },
  );

  const response = await handle(meRequest({ authorization: `Bearer ${token}` }));

  expect(response.status).toBe(200);
  expect((await readJson(response)).result.data).toMatchObject({
    username: 'dora',
    email: 'dora@example.com',
  });
});

test.each([
  ['an expired token', { expiresIn: Math.floor(Date.now() / 1000) - 60 }, /expired/],
  ['a token for another audience', { audience: 'another-app' }, /another audience/],
  [
    'a token from another issuer',
    { issuer: 'https://evil.example.com' },
    /another identity provider/,
  ],
  ['a token signed with an unknown key', { signWithUnknownKey: true }, /signature|unknown key/],
])('%s gets 401 with a clear message', async (_name, options, message) => {
  const { handle } = await apiWithIdp();
  const token = await idp.signToken(
    { preferred_username: 'eve' },
    { audience: clientId, ...options },
  );

  const response = await handle(meRequest({ authorization: `Bearer ${token}` }));

  expect(response.status).toBe(401);
  expect((await readJson(response)).error.message).toMatch(message);
});

test('a tampered token gets 401', async () => {
  const { handle } = await apiWithIdp();
  const token = await idp.signToken({ preferred_username: 'eve' }, { audience: clientId });
  const [header, payload, signature] = token.split('.');
  const forged = Buffer.from(
    JSON.stringify({
      ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
      preferred_username: 'admin',
    }),
  ).toString('base64url');

  const response = await handle(
    meRequest({ authorization: `Bearer ${header}.${forged}.${signature}` }),
  );

  expect(response.status).toBe(401);
  expect((await readJson(response)).error.message).toMatch(/signature/);
});

test('a cookie-authenticated mutation without the CSRF header is refused', async () => {
  const { services, handle } = await apiWithIdp();
  const alice = await signedUpUser(services.db);
  const cookies = await startSession(services, alice, 'x');
  const cookieHeader = cookies.map((cookie) => cookie.split(';')[0]).join('; ');
  const csrf = /mlspace_csrf=([^;]+)/.exec(cookieHeader)?.[1] ?? '';
  const body = JSON.stringify({ timezone: 'UTC', theme: 'dark', pageSize: 25 });
  const mutation = (headers: Record<string, string>) =>
    handle(
      new Request('http://localhost:3999/api/trpc/me.updatePreferences', {
        method: 'POST',
        headers: { cookie: cookieHeader, 'content-type': 'application/json', ...headers },
        body,
      }),
    );

  const withoutToken = await mutation({});
  const fromAnotherSite = await mutation({
    'x-mlspace-csrf': csrf,
    origin: 'https://evil.example.com',
  });
  const withToken = await mutation({ 'x-mlspace-csrf': csrf, origin: 'http://localhost:3999' });

  expect(withoutToken.status).toBe(403);
  expect((await readJson(withoutToken)).error.message).toMatch(/CSRF/);
  expect(fromAnotherSite.status).toBe(403);
  expect(withToken.status).toBe(200);
});

test('an unknown procedure gets 400 naming it', async () => {
  const { handle } = await apiWithIdp();

  const response = await handle(new Request('http://localhost:3999/api/trpc/nothing.here'));

  expect(response.status).toBe(400);
  expect((await readJson(response)).error.message).toContain('nothing.here');
});

test('malformed input gets 400 naming the field and the rule', async () => {
  const { services, handle } = await apiWithIdp();
  await signedUpUser(services.db, { username: 'dora' });
  const token = await idp.signToken({ preferred_username: 'dora' }, { audience: clientId });

  const response = await handle(
    new Request('http://localhost:3999/api/trpc/me.updatePreferences', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ timezone: 'UTC', theme: 'purple', pageSize: 25 }),
    }),
  );

  expect(response.status).toBe(400);
  expect((await readJson(response)).error.message).toMatch(/^theme: /);
});

test('a login callback whose state does not match returns to sign-in with an explanation', async () => {
  const { handle } = await apiWithIdp();
  const login = await handle(
    new Request('http://localhost:3999/api/auth/login?returnTo=/projects'),
  );
  const loginCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  const callback = await handle(
    new Request('http://localhost:3999/api/auth/callback?code=abc&state=forged', {
      headers: { cookie: loginCookie },
    }),
  );

  expect(login.status).toBe(303);
  expect(new URL(login.headers.get('location')!).searchParams.get('code_challenge_method')).toBe(
    'S256',
  );
  expect(callback.status).toBe(303);
  expect(decodeURIComponent(callback.headers.get('location')!)).toMatch(
    /^\/signin\?error=.*state mismatch/,
  );
});

test('a login callback without a login in progress explains what to do', async () => {
  const { handle } = await apiWithIdp();

  const callback = await handle(
    new Request('http://localhost:3999/api/auth/callback?code=abc&state=x'),
  );

  expect(decodeURIComponent(callback.headers.get('location')!)).toMatch(/sign in again/);
});

test('health reports each dependency', async () => {
  const services = await createTestServices({
    healthChecks: { dynamodb: async () => {}, s3: () => Promise.reject(new Error('down')) },
  });

  const response = await createApiHandler(services)(
    new Request('http://localhost:3999/api/health'),
  );

  expect(response.status).toBe(503);
  expect(await readJson(response)).toMatchObject({
    status: 'degraded',
    dependencies: { dynamodb: { ok: true }, s3: { ok: false, error: 'down' } },
  });
});
