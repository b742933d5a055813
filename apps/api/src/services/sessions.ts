/**
 * Browser sessions: a sealed cookie names a server-side session record (ADR 007). A session is
 * live while its record exists, has not expired, and belongs to the user's current session epoch.
 */
import { readSession, startSessionCookies } from '@mlspace/auth';
import {
  ForbiddenError,
  UnauthenticatedError,
  type DomainError,
  type UserView,
} from '@mlspace/core';

import type { ApiServices } from '../services';

export type SessionCheck =
  { status: 'none' } | { status: 'ended'; error: DomainError } | { status: 'live'; user: UserView };

/** Records a new session for a user who just signed in; returns the cookies that carry it. */
export async function startSession(
  services: Pick<ApiServices, 'db' | 'settings'>,
  user: UserView,
  idToken: string,
): Promise<string[]> {
  const { session: settings } = services.settings;
  const record = await services.db.sessions.create({
    username: user.username,
    epoch: user.sessionEpoch,
    ttlSeconds: settings.ttlSeconds,
  });
  return startSessionCookies(settings, {
    sessionId: record.id,
    username: user.username,
    idToken,
  });
}

/**
 * The caller behind a session cookie. Costs one session read and the user read every request
 * makes anyway, both cached for a moment per process (see cached-sessions.ts, cached-users.ts).
 */
export async function checkSession(
  services: Pick<ApiServices, 'db' | 'settings'>,
  cookieHeader: string | null | undefined,
): Promise<SessionCheck> {
  const cookie = readSession(services.settings.session, cookieHeader);
  if (!cookie) return { status: 'none' };
  const [record, user] = await Promise.all([
    services.db.sessions.get(cookie.sessionId),
    services.db.users.get(cookie.username),
  ]);
  if (!user) {
    return {
      status: 'ended',
      error: new UnauthenticatedError('Your account no longer exists: sign in again.'),
    };
  }
  if (user.deletion) {
    return { status: 'ended', error: new UnauthenticatedError('Your account is being deleted.') };
  }
  if (!record || record.username !== user.username || record.epoch !== user.sessionEpoch) {
    // Suspension ended the session; saying so lets the open tab show the suspended page once
    // instead of sending the user to a sign-in that would only lead there.
    return {
      status: 'ended',
      error: user.suspended
        ? new ForbiddenError('Your account is suspended')
        : new UnauthenticatedError('Your session has ended: sign in again.'),
    };
  }
  return { status: 'live', user };
}

/** Sign-out: the session's record is deleted, so a copy of the cookie is refused from now on. */
export async function endSession(
  services: Pick<ApiServices, 'db' | 'settings'>,
  cookieHeader: string | null | undefined,
): Promise<{ idToken: string } | null> {
  const cookie = readSession(services.settings.session, cookieHeader);
  if (!cookie) return null;
  await services.db.sessions.remove(cookie.sessionId);
  return { idToken: cookie.idToken };
}
