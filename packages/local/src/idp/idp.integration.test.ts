import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';

import { createFakeBrowser, readForm, type FakeBrowser } from '../test/fake-browser';
import { createDevIdentityProvider, type DevIdentityProvider } from './provider';
import { seededDevUsers } from './users';

let server: http.Server;
let origin: string;
let idp: DevIdentityProvider | undefined;
const dataDirs: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (idp && (req.url === '/idp' || req.url?.startsWith('/idp/') || req.url?.startsWith('/idp?')))
      return idp.handle(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  idp = undefined;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlspace-idp-'));
  dataDirs.push(dir);
  return dir;
}

async function startIdp(dataDir = newDataDir()): Promise<DevIdentityProvider> {
  idp = await createDevIdentityProvider({
    issuer: `${origin}/idp`,
    dataDir,
    clients: [
      {
        clientId: 'mlspace',
        clientSecret: 'local-secret',
        redirectUris: [`${origin}/auth/callback`],
        postLogoutRedirectUris: [`${origin}/`],
      },
    ],
    users: seededDevUsers,
  });
  return idp;
}

async function discover(): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(`${origin}/idp`),
    'mlspace',
    undefined,
    oidc.ClientSecretBasic('local-secret'),
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
}

async function beginLogin(config: oidc.Configuration) {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${origin}/auth/callback`,
    scope: 'openid profile email',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, codeVerifier, state, nonce };
}

/** Opens the authorization URL and, when the sign-in page shows, submits it; returns where the browser ends up. */
async function signIn(
  browser: FakeBrowser,
  authorizationUrl: URL,
  username: string,
  password: string,
) {
  const callback = `${origin}/auth/callback`;
  const first = await browser.navigate(authorizationUrl, { stopAt: callback });
  if (!first.response) return { ...first, loginPage: undefined };
  const loginPage = await first.response.text();
  const result = await browser.navigate(first.url, {
    stopAt: callback,
    form: { username, password },
  });
  return { ...result, loginPage };
}

async function completeLogin(browser: FakeBrowser, username: string) {
  const config = await discover();
  const login = await beginLogin(config);
  const { url } = await signIn(browser, login.url, username, 'mlspace');
  const tokens = await oidc.authorizationCodeGrant(config, url, {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  return { config, tokens };
}

test('discovery advertises endpoints under the issuer path', async () => {
  await startIdp();
  const metadata = (await discover()).serverMetadata();
  expect(metadata.issuer).toBe(`${origin}/idp`);
  expect(metadata.authorization_endpoint).toBe(`${origin}/idp/auth`);
  expect(metadata.token_endpoint).toBe(`${origin}/idp/token`);
  expect(metadata.jwks_uri).toBe(`${origin}/idp/jwks`);
  expect(metadata.end_session_endpoint).toBe(`${origin}/idp/session/end`);
  expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
});

test('a seeded user signs in with code and PKCE and the ID token carries their identity', async () => {
  await startIdp();
  const browser = createFakeBrowser();
  const config = await discover();
  const login = await beginLogin(config);
  const { url, loginPage } = await signIn(browser, login.url, 'alice', 'mlspace');
  expect(loginPage).toContain('MLSpace development sign-in');
  expect(loginPage).toContain('Sign in');
  expect(url.searchParams.get('code')).toBeTruthy();

  const tokens = await oidc.authorizationCodeGrant(config, url, {
    pkceCodeVerifier: login.codeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  expect(claims).toMatchObject({
    iss: `${origin}/idp`,
    aud: 'mlspace',
    sub: 'alice',
    preferred_username: 'alice',
    email: 'alice@example.com',
    name: 'Alice Liddell',
  });
  expect((claims?.exp ?? 0) - (claims?.iat ?? 0)).toBe(3600);
  expect(tokens.expires_in).toBe(3600);
  const header = JSON.parse(
    Buffer.from(tokens.id_token?.split('.')[0] ?? '', 'base64url').toString(),
  ) as { alg: string };
  expect(header.alg).toBe('RS256');

  const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, 'alice');
  expect(userinfo).toMatchObject({
    sub: 'alice',
    preferred_username: 'alice',
    email: 'alice@example.com',
    name: 'Alice Liddell',
  });
});

test('a wrong password shows an error and yields no code', async () => {
  await startIdp();
  const browser = createFakeBrowser();
  const login = await beginLogin(await discover());
  const { url, response } = await signIn(browser, login.url, 'bob', 'not-the-password');
  expect(response?.status).toBe(401);
  expect(await response?.text()).toContain('Wrong username or password');
  expect(url.searchParams.has('code')).toBe(false);
});

test('an authorization request without PKCE is refused', async () => {
  await startIdp();
  const config = await discover();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: `${origin}/auth/callback`,
    scope: 'openid',
    state: oidc.randomState(),
  });
  const { url: landed } = await createFakeBrowser().navigate(url, {
    stopAt: `${origin}/auth/callback`,
  });
  expect(landed.searchParams.get('error')).toBe('invalid_request');
  expect(landed.searchParams.has('code')).toBe(false);
});

test('signing out with an ID token hint needs no confirmation and returns to MLSpace', async () => {
  await startIdp();
  const browser = createFakeBrowser();
  const { config, tokens } = await completeLogin(browser, 'carol');
  const endSessionUrl = oidc.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token ?? '',
    post_logout_redirect_uri: `${origin}/`,
    state: 'bye',
  });

  const page = await browser.navigate(endSessionUrl, { stopAt: `${origin}/?` });
  const html = (await page.response?.text()) ?? '';
  expect(html).toContain('Signing out');
  const { action, fields } = readForm(html, page.url);
  expect(fields.logout).toBe('yes');
  const { url } = await browser.navigate(action, { stopAt: `${origin}/?`, form: fields });
  expect(url.href).toBe(`${origin}/?state=bye`);

  // The IdP session is gone: the next sign-in asks for a password again.
  const { loginPage } = await signIn(browser, (await beginLogin(config)).url, 'carol', 'mlspace');
  expect(loginPage).toContain('MLSpace development sign-in');
});

test('signing keys and IdP sessions survive a restart with the same data directory', async () => {
  const dataDir = newDataDir();
  await startIdp(dataDir);
  const browser = createFakeBrowser();
  const before = await completeLogin(browser, 'admin');
  const kidBefore = (
    (await (await fetch(`${origin}/idp/jwks`)).json()) as { keys: Array<{ kid: string }> }
  ).keys[0]?.kid;

  await startIdp(dataDir);
  const kidAfter = (
    (await (await fetch(`${origin}/idp/jwks`)).json()) as { keys: Array<{ kid: string }> }
  ).keys[0]?.kid;
  expect(kidAfter).toBeTruthy();
  expect(kidAfter).toBe(kidBefore);
  const idTokenKid = JSON.parse(
    Buffer.from(before.tokens.id_token?.split('.')[0] ?? '', 'base64url').toString(),
  ) as { kid: string };
  expect(idTokenKid.kid).toBe(kidAfter);

  // Still signed in at the IdP: no sign-in page, straight back with a code.
  const config = await discover();
  const { url, loginPage } = await signIn(
    browser,
    (await beginLogin(config)).url,
    'admin',
    'unused',
  );
  expect(loginPage).toBeUndefined();
  expect(url.searchParams.get('code')).toBeTruthy();
});
