/**
 * Signs a seeded user in at the running stack's development IdP, the way a person would
 * (authorization code with PKCE), and returns the ID token, which the API accepts as a Bearer.
 */
import { createHash, randomBytes } from 'node:crypto';

import { createFakeBrowser, readForm } from '@mlspace/local/test/fake-browser';

const clientId = 'mlspace-portal';
const clientSecret = 'mlspace-local-development-secret';

export async function signInForIdToken(baseUrl: string, username: string): Promise<string> {
  const discovery = (await (
    await fetch(`${baseUrl}/idp/.well-known/openid-configuration`)
  ).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const redirectUri = `${baseUrl}/api/auth/callback`;
  const verifier = randomBytes(32).toString('base64url');
  const authorization = new URL(discovery.authorization_endpoint);
  authorization.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const browser = createFakeBrowser();
  const loginPage = await browser.navigate(authorization, { stopAt: redirectUri });
  if (!loginPage.response) throw new Error('The IdP did not show its sign-in page');
  const form = readForm(await loginPage.response.text(), loginPage.url);
  const callback = await browser.navigate(form.action, {
    stopAt: redirectUri,
    form: { ...form.fields, username, password: 'mlspace' },
  });
  const code = callback.url.searchParams.get('code');
  if (!code)
    throw new Error(`The IdP did not return to the callback with a code (at ${callback.url.href})`);

  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const tokens = (await response.json()) as { id_token?: string; error_description?: string };
  if (!tokens.id_token)
    throw new Error(`No ID token: ${tokens.error_description ?? response.status}`);
  return tokens.id_token;
}
