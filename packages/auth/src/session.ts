import { randomBytes, timingSafeEqual } from 'node:crypto';

import * as z from 'zod';

import { expireCookie, parseCookies, serializeCookie } from './cookies';
import { sealValue, unsealValue } from './seal';

export const SESSION_COOKIE = 'mlspace_session';
export const CSRF_COOKIE = 'mlspace_csrf';
export const CSRF_HEADER = 'x-mlspace-csrf';

/**
 * What the sealed cookie holds. `sessionId` names the server-side session record, which sign-out
 * and suspension delete; a cookie whose record is gone is refused, however long it has left.
 */
const sessionSchema = z.object({
  sessionId: z.string().min(1),
  username: z.string(),
  idToken: z.string(),
  expiresAt: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

export interface SessionSettings {
  secret: string;
  ttlSeconds: number;
  secureCookies: boolean;
}

/**
 * Returns the session in the request's cookie, or null when absent, tampered with or expired.
 * The caller must still check the server-side record: a revoked session unseals fine.
 */
export function readSession(
  settings: SessionSettings,
  cookieHeader: string | null | undefined,
  now = Date.now(),
): Session | null {
  const sealed = parseCookies(cookieHeader)[SESSION_COOKIE];
  if (!sealed) return null;
  const session = unsealedSession(settings.secret, sealed);
  if (!session || session.expiresAt <= now) return null;
  return session;
}

/**
 * Cookies unsealed lately, by sealed value and secret: a browser sends the same cookie with every
 * request. Only what decrypted and parsed is kept; expiry is checked on every read.
 */
const unsealed = new Map<string, Session>();
const maxUnsealed = 1_000;

function unsealedSession(secret: string, sealed: string): Session | null {
  const key = `${secret}\0${sealed}`;
  const kept = unsealed.get(key);
  if (kept) return kept;
  const parsed = sessionSchema.safeParse(unsealValue(secret, SESSION_COOKIE, sealed));
  if (!parsed.success) return null;
  const session = Object.freeze(parsed.data);
  if (unsealed.size >= maxUnsealed) unsealed.delete(unsealed.keys().next().value ?? '');
  unsealed.set(key, session);
  return session;
}

/** Set-Cookie values that start a session: the sealed httpOnly session and a readable CSRF token. */
export function startSessionCookies(
  settings: SessionSettings,
  session: Omit<Session, 'expiresAt'>,
  now = Date.now(),
): string[] {
  const value = sealValue(settings.secret, SESSION_COOKIE, {
    ...session,
    expiresAt: now + settings.ttlSeconds * 1000,
  });
  const cookie = { maxAgeSeconds: settings.ttlSeconds, secure: settings.secureCookies };
  return [
    serializeCookie(SESSION_COOKIE, value, { ...cookie, httpOnly: true, sameSite: 'Lax' }),
    // Double-submit token: page scripts read it and echo it in a header on every mutation.
    serializeCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), {
      ...cookie,
      httpOnly: false,
      sameSite: 'Strict',
    }),
  ];
}

export function endSessionCookies(settings: SessionSettings): string[] {
  return [
    expireCookie(SESSION_COOKIE, { secure: settings.secureCookies }),
    expireCookie(CSRF_COOKIE, {
      secure: settings.secureCookies,
      httpOnly: false,
      sameSite: 'Strict',
    }),
  ];
}

/** A cookie-authenticated mutation must echo the CSRF cookie in the CSRF header. */
export function hasValidCsrfToken(
  cookieHeader: string | null | undefined,
  headerValue: string | null | undefined,
): boolean {
  const expected = parseCookies(cookieHeader)[CSRF_COOKIE];
  if (!expected || !headerValue) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(headerValue);
  return a.length === b.length && timingSafeEqual(a, b);
}
