import { expect, test } from 'vitest';

import { callerFor, createTestServices, signedUpUser } from './harness';

test('the current user reads their own account, even when suspended', async () => {
  const services = await createTestServices();
  const alice = await signedUpUser(services.db, { suspended: true });

  const me = await callerFor(services, alice).me.get();

  expect(me).toMatchObject({ username: alice.username, suspended: true });
});

test('an anonymous caller is told to sign in', async () => {
  const services = await createTestServices();

  await expect(callerFor(services, null).me.get()).rejects.toMatchObject({
    code: 'UNAUTHORIZED',
    message: 'Sign in first',
  });
});

test('a suspended user can call nothing but their own account', async () => {
  const services = await createTestServices();
  const bob = await signedUpUser(services.db, { suspended: true });

  await expect(
    callerFor(services, bob).me.updatePreferences({ timezone: 'UTC', theme: 'dark', pageSize: 25 }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/suspended/) });
});

test('an admin suspends and reactivates a user, and the list filters by status', async () => {
  const services = await createTestServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const bob = await signedUpUser(services.db);
  const api = callerFor(services, admin);

  await api.users.setSuspended({ username: bob.username, suspended: true });
  const suspended = await api.users.list({ status: 'suspended', limit: 25 });
  await api.users.setSuspended({ username: bob.username, suspended: false });
  const stillSuspended = await api.users.list({ status: 'suspended', limit: 25 });

  expect(suspended.items.map((user) => user.username)).toEqual([bob.username]);
  expect(stillSuspended.items).toEqual([]);
});

test('a member cannot list or suspend users', async () => {
  const services = await createTestServices();
  const carol = await signedUpUser(services.db);

  await expect(callerFor(services, carol).users.list({ limit: 25 })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(
    callerFor(services, carol).users.setSuspended({ username: carol.username, suspended: true }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('an admin cannot revoke their own admin role or suspend themselves', async () => {
  const services = await createTestServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const api = callerFor(services, admin);

  await expect(
    api.users.setAdmin({ username: admin.username, isAdmin: false }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(
    api.users.setSuspended({ username: admin.username, suspended: true }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('preferences are validated and the error names the field', async () => {
  const services = await createTestServices();
  const alice = await signedUpUser(services.db);

  await expect(
    callerFor(services, alice).me.updatePreferences({
      timezone: 'Mars/Olympus',
      theme: 'dark',
      pageSize: 25,
    }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('timezone') });
});
