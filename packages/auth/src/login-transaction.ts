import { randomBytes } from 'node:crypto';

import * as z from 'zod';

import { expireCookie, parseCookies, serializeCookie } from './cookies';
import { sealValue, unsealValue } from './seal';

const LOGIN_COOKIE = 'mlspace_login';
const LOGIN_TTL_SECONDS = 600;

const loginTransactionSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  codeVerifier: z.string(),
  returnTo: z.string(),
});
/** What the callback must find again: it proves the response answers our own request. */
export type LoginTransaction = z.infer<typeof loginTransactionSchema>;

export function loginTransactionCookie(
  secret: string,
  secure: boolean,
  transaction: LoginTransaction,
): string {
  return serializeCookie(LOGIN_COOKIE, sealValue(secret, LOGIN_COOKIE, transaction), {
    maxAgeSeconds: LOGIN_TTL_SECONDS,
    secure,
    sameSite: 'Lax',
    path: '/api/auth',
  });
}

export function readLoginTransaction(
  secret: string,
  cookieHeader: string | null | undefined,
): LoginTransaction | null {
  const sealed = parseCookies(cookieHeader)[LOGIN_COOKIE];
  if (!sealed) return null;
  const parsed = loginTransactionSchema.safeParse(unsealValue(secret, LOGIN_COOKIE, sealed));
  return parsed.success ? parsed.data : null;
}

export function clearLoginTransactionCookie(secure: boolean): string {
  return expireCookie(LOGIN_COOKIE, { secure, path: '/api/auth' });
}

/**
 * Only same-site paths may be returned to after login, never another origin, and never the
 * sign-in pages themselves: returning to `/signin?returnTo=/signin?...` is how redirect loops grow.
 */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (
    !candidate ||
    !candidate.startsWith('/') ||
    candidate.startsWith('//') ||
    candidate.includes('\\') ||
    /^\/(signin|api\/auth)(?:[/?#.]|$)/.test(candidate)
  )
    return '/';
  return candidate;
}

/** 32 random bytes, base64url: what openid-client's randomState, randomNonce and randomPKCECodeVerifier return. */
const random32Bytes = () => randomBytes(32).toString('base64url');

/** A fresh transaction: random state, nonce and PKCE verifier for one sign-in attempt. */
export function createLoginTransaction(returnTo: string | null | undefined): LoginTransaction {
  return {
    state: random32Bytes(),
    nonce: random32Bytes(),
    codeVerifier: random32Bytes(),
    returnTo: safeReturnPath(returnTo),
  };
}
