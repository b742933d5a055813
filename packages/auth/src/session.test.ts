import { expect, test } from 'vitest';

import {
  CSRF_COOKIE,
  SESSION_COOKIE,
  hasValidCsrfToken,
  readSession,
  startSessionCookies,
} from './session';
import { sealValue } from './seal';

const settings = {
  secret: 'a-test-secret-of-enough-length',
  ttlSeconds: 3600,
  secureCookies: true,
};

function cookieHeaderFrom(setCookies: string[]): string {
  return setCookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

test('a sealed session cookie reads back as the same session', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(settings, { sessionId: 's1', username: 'alice', idToken: 'id' }),
  );

  expect(readSession(settings, header)).toMatchObject({
    sessionId: 's1',
    username: 'alice',
    idToken: 'id',
  });
});

test('the session cookie is httpOnly, secure and same-site', () => {
  const [session, csrf] = startSessionCookies(settings, {
    sessionId: 's1',
    username: 'alice',
    idToken: 'id',
  });

  expect(session).toMatch(new RegExp(`^${SESSION_COOKIE}=.*; HttpOnly; Secure; SameSite=Lax$`));
  expect(csrf).toMatch(new RegExp(`^${CSRF_COOKIE}=`));
  expect(csrf).not.toContain('HttpOnly');
});

test('a tampered session cookie is ignored', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(settings, { sessionId: 's1', username: 'alice', idToken: 'id' }),
  );
  const tampered = header.replace(
    /(mlspace_session=[^.]+\.[^.]+\.)(.)/,
    (_m, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'),
  );

  expect(readSession(settings, tampered)).toBeNull();
});

test('a session cookie sealed with another secret is ignored', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(
      { ...settings, secret: 'another-secret' },
      { sessionId: 's1', username: 'alice', idToken: 'id' },
    ),
  );

  expect(readSession(settings, header)).toBeNull();
});

test('an expired session is ignored', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(settings, { sessionId: 's1', username: 'alice', idToken: 'id' }, 0),
  );

  expect(readSession(settings, header, 3601 * 1000)).toBeNull();
});

test('the csrf header must equal the csrf cookie', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(settings, { sessionId: 's1', username: 'alice', idToken: 'id' }),
  );
  const token = /mlspace_csrf=([^;]+)/.exec(header)?.[1];

  expect(hasValidCsrfToken(header, token)).toBe(true);
  expect(hasValidCsrfToken(header, 'forged')).toBe(false);
  expect(hasValidCsrfToken(header, null)).toBe(false);
});

test('a cookie sealed before sessions had a server-side record is ignored, so it cannot outlive sign-out', () => {
  const legacy = `${SESSION_COOKIE}=${sealValue(settings.secret, SESSION_COOKIE, {
    username: 'alice',
    idToken: 'id',
    expiresAt: Date.now() + 3600_000,
  })}`;

  expect(readSession(settings, legacy)).toBeNull();
});

test('a session read while valid is ignored once it has expired (unsealed cookies are kept)', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(settings, { sessionId: 's2', username: 'alice', idToken: 'id' }, 0),
  );

  expect(readSession(settings, header, 1000)).not.toBeNull();
  expect(readSession(settings, header, 3601 * 1000)).toBeNull();
});

test('a cookie read under its secret is ignored once the secret changes', () => {
  const header = cookieHeaderFrom(
    startSessionCookies(settings, { sessionId: 's3', username: 'alice', idToken: 'id' }),
  );

  expect(readSession(settings, header)).not.toBeNull();
  expect(
    readSession({ ...settings, secret: 'a-rotated-secret-of-enough-length' }, header),
  ).toBeNull();
});
