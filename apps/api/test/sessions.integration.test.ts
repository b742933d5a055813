import { expect, test } from 'vitest';

import type { UserView } from '@mlspace/core';

import { createApiHandler } from '../src/http/api-handler';
import type { ApiServices } from '../src/services';
import { withSessionCache } from '../src/services/cached-sessions';
import { withUserCache } from '../src/services/cached-users';
import { startSession } from '../src/services/sessions';
import { callerFor, createTestServices, signedUpUser } from './harness';

/** Services with the per-process caches production uses, so "at once" is tested through them. */
async function cachedServices(): Promise<ApiServices> {
  const services = await createTestServices();
  return {
    ...services,
    db: {
      ...services.db,
      users: withUserCache(services.db.users, 2_000),
      sessions: withSessionCache(services.db.sessions, 2_000),
    },
  };
}

/** A browser's cookie header after signing in, as it would be copied out of that browser. */
async function signedInCookie(services: ApiServices, user: UserView): Promise<string> {
  const cookies = await startSession(services, user, 'id-token');
  return cookies.map((cookie) => cookie.split(';')[0]).join('; ');
}

function whoAmI(services: ApiServices, cookie: string): Promise<Response> {
  return createApiHandler(services)(
    new Request('http://localhost:3999/api/trpc/me.get', { headers: { cookie } }),
  );
}

function signOut(services: ApiServices, cookie: string): Promise<Response> {
  const csrf = /mlspace_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
  return createApiHandler(services)(
    new Request('http://localhost:3999/api/auth/logout', {
      method: 'POST',
      headers: { cookie, 'x-mlspace-csrf': csrf },
    }),
  );
}

test('a copied session cookie is refused with 401 after sign-out, instead of working for its full lifetime', async () => {
  const services = await cachedServices();
  const alice = await signedUpUser(services.db);
  const cookie = await signedInCookie(services, alice);
  const copied = cookie;

  const before = await whoAmI(services, copied);
  const signedOut = await signOut(services, cookie);
  const after = await whoAmI(services, copied);

  expect(before.status).toBe(200);
  expect(signedOut.status).toBe(303);
  expect(signedOut.headers.getSetCookie().join('\n')).toMatch(/mlspace_session=;/);
  expect(after.status).toBe(401);
  expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(
    /session has ended/,
  );
});

test('suspending a user ends every one of their sessions at once, in both of their browsers, and says why', async () => {
  const services = await cachedServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const bob = await signedUpUser(services.db);
  const laptop = await signedInCookie(services, bob);
  const phone = await signedInCookie(services, bob);
  const beforeLaptop = await whoAmI(services, laptop);
  const beforePhone = await whoAmI(services, phone);

  await callerFor(services, admin).users.setSuspended({ username: bob.username, suspended: true });

  const afterLaptop = await whoAmI(services, laptop);

  expect([beforeLaptop.status, beforePhone.status]).toEqual([200, 200]);
  expect(afterLaptop.status).toBe(403);
  expect(((await afterLaptop.json()) as { error: { message: string } }).error.message).toBe(
    'Your account is suspended',
  );
  expect((await whoAmI(services, phone)).status).toBe(403);
  expect(await services.db.sessions.listForUser(bob.username)).toEqual([]);
});

test("an admin signs a user out everywhere, and a session of another user is not affected by revoking that user's", async () => {
  const services = await cachedServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const yara = await signedUpUser(services.db);
  const xavier = await signedUpUser(services.db);
  const yaraLaptop = await signedInCookie(services, yara);
  const yaraPhone = await signedInCookie(services, yara);
  const xavierBrowser = await signedInCookie(services, xavier);
  await whoAmI(services, yaraLaptop);

  await callerFor(services, admin).users.signOutEverywhere({ username: yara.username });

  expect((await whoAmI(services, yaraLaptop)).status).toBe(401);
  expect((await whoAmI(services, yaraPhone)).status).toBe(401);
  expect((await whoAmI(services, xavierBrowser)).status).toBe(200);
  expect(await services.db.sessions.listForUser(yara.username)).toEqual([]);
});

test('only an admin may sign a user out everywhere', async () => {
  const services = await createTestServices();
  const mallory = await signedUpUser(services.db);
  const victim = await signedUpUser(services.db);

  await expect(
    callerFor(services, mallory).users.signOutEverywhere({ username: victim.username }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('a suspended-then-reactivated user must sign in again: the old session does not come back', async () => {
  const services = await cachedServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const carol = await signedUpUser(services.db);
  const oldBrowser = await signedInCookie(services, carol);
  const api = callerFor(services, admin);

  await api.users.setSuspended({ username: carol.username, suspended: true });
  const reactivated = await api.users.setSuspended({ username: carol.username, suspended: false });
  const newBrowser = await signedInCookie(services, reactivated);

  expect((await whoAmI(services, oldBrowser)).status).toBe(401);
  expect((await whoAmI(services, newBrowser)).status).toBe(200);
});

test('deleting a user ends their sessions, and a new account of the same name does not revive them', async () => {
  const services = await cachedServices();
  const dora = await signedUpUser(services.db);
  const cookie = await signedInCookie(services, dora);

  await services.db.users.delete(dora.username, 'root');
  const afterDelete = await whoAmI(services, cookie);
  await new Promise((resolve) => setTimeout(resolve, 5));
  await signedUpUser(services.db, { username: dora.username });

  expect(afterDelete.status).toBe(401);
  expect((await whoAmI(services, cookie)).status).toBe(401);
});

test('a user whose deletion has started is signed out in every browser at once, and told why', async () => {
  const services = await cachedServices();
  const erin = await signedUpUser(services.db);
  const laptop = await signedInCookie(services, erin);
  const before = await whoAmI(services, laptop);

  await services.db.users.startDeletion(erin.username, 'root');
  const after = await whoAmI(services, laptop);

  expect(before.status).toBe(200);
  expect(after.status).toBe(401);
  expect(((await after.json()) as { error: { message: string } }).error.message).toBe(
    'Your account is being deleted.',
  );
  expect(await services.db.sessions.listForUser(erin.username)).toEqual([]);
});
