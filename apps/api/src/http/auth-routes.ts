import {
  CSRF_HEADER,
  clearLoginTransactionCookie,
  createLoginTransaction,
  endSessionCookies,
  hasValidCsrfToken,
  loginTransactionCookie,
  readLoginTransaction,
} from '@mlspace/auth';
import { ForbiddenError, normaliseUsername } from '@mlspace/core';

import type { ApiServices } from '../services';
import { endSession, startSession } from '../services/sessions';

function redirect(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of setCookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 303, headers });
}

function signInWithError(message: string, secure: boolean): Response {
  return redirect(`/signin?error=${encodeURIComponent(message)}`, [
    clearLoginTransactionCookie(secure),
  ]);
}

/** GET /api/auth/login: starts an authorization-code flow with PKCE, state and nonce. */
export async function startLogin(services: ApiServices, request: Request): Promise<Response> {
  const { settings } = services;
  const transaction = createLoginTransaction(new URL(request.url).searchParams.get('returnTo'));
  const url = await services.oidc.authorizationUrl({
    redirectUri: `${settings.publicUrl}/api/auth/callback`,
    ...transaction,
  });
  return redirect(url.href, [
    loginTransactionCookie(settings.session.secret, settings.session.secureCookies, transaction),
  ]);
}

/** GET /api/auth/callback: checks the response against our transaction, then starts a session. */
export async function finishLogin(services: ApiServices, request: Request): Promise<Response> {
  const { settings } = services;
  const secure = settings.session.secureCookies;
  const requestUrl = new URL(request.url);
  const providerError = requestUrl.searchParams.get('error');
  if (providerError) {
    const description = requestUrl.searchParams.get('error_description') ?? providerError;
    return signInWithError(`The identity provider refused the sign-in: ${description}`, secure);
  }
  const transaction = readLoginTransaction(settings.session.secret, request.headers.get('cookie'));
  if (!transaction) {
    return signInWithError(
      'Your sign-in took too long or was started in another browser. Please sign in again.',
      secure,
    );
  }
  if (requestUrl.searchParams.get('state') !== transaction.state) {
    return signInWithError(
      'The sign-in response did not match this browser (state mismatch). Please sign in again.',
      secure,
    );
  }

  // The IdP redirects to the public URL; rebuild it so the token request's redirect_uri matches.
  const callbackUrl = new URL(`${settings.publicUrl}/api/auth/callback${requestUrl.search}`);
  let result;
  try {
    result = await services.oidc.exchangeCode({ callbackUrl, ...transaction });
  } catch (error) {
    const reason =
      error instanceof Error && /nonce/i.test(error.message) ? ' (nonce mismatch)' : '';
    return signInWithError(
      `The sign-in could not be completed${reason}. Please sign in again.`,
      secure,
    );
  }

  const username = normaliseUsername(result.claims.preferredUsername);
  let user;
  try {
    user = await services.db.users.recordLogin({
      username,
      email: result.claims.email,
      displayName: result.claims.displayName,
      suspendedIfNew: settings.newUsersSuspended,
      adminIfNew: settings.initialAdmins.includes(username),
    });
  } catch (error) {
    // An account being deleted cannot sign in; the sign-in page says so.
    if (error instanceof ForbiddenError) return signInWithError(error.message, secure);
    throw error;
  }
  return redirect(transaction.returnTo, [
    clearLoginTransactionCookie(secure),
    ...(await startSession(services, user, result.idToken)),
  ]);
}

/**
 * POST /api/auth/logout: ends our session on the server (its record is deleted, so a copied
 * cookie stops working too), then the IdP's (RP-initiated logout).
 */
export async function logout(services: ApiServices, request: Request): Promise<Response> {
  const { settings } = services;
  const cookieHeader = request.headers.get('cookie');
  const form = request.headers.get('content-type')?.includes('form')
    ? await request.formData()
    : null;
  const token = request.headers.get(CSRF_HEADER) ?? (form?.get('csrf') as string | null) ?? null;
  if (!hasValidCsrfToken(cookieHeader, token)) {
    return new Response('Sign-out needs the CSRF token of this browser.', { status: 403 });
  }
  const ended = await endSession(services, cookieHeader);
  const cookies = endSessionCookies(settings.session);
  const afterLogout = `${settings.publicUrl}/signin?signedOut=1`;
  const identityProviderLogout = ended
    ? await services.oidc
        .endSessionUrl({ idToken: ended.idToken, postLogoutRedirectUri: afterLogout })
        .catch(() => null)
    : null;
  return redirect(identityProviderLogout?.href ?? afterLogout, cookies);
}
